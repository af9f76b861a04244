/** A health answer: healthy, or why not. */
export type HealthVerdict = { ok: true } | { ok: false; reason: string };

/**
 * The health sources of a service (container state, Docker HEALTHCHECK, HTTP probe, readiness, heartbeat) as
 * recovery needs them, implemented by an adapter. Failures are values. `containerId`, when given, is the container
 * to look at instead of the one the adapter knows as the service's: a recreate verifies its twin before the
 * engine's `start` event has told anyone the twin is the service's container now.
 */
export interface RecoveryHealth {
  /**
   * Resolves once the service is healthy by its sources, or with the reason it is not when `timeoutMs` passes or it
   * fails for good (the container died). The engine also enforces the timeout; `signal` aborts the wait.
   */
  waitHealthy(service: string, timeoutMs: number, signal: AbortSignal, containerId?: string): Promise<HealthVerdict>;
  /** One check now, through every source the service has (verifies a recovery; answers a breaker that opened). */
  check(service: string, signal: AbortSignal, containerId?: string): Promise<HealthVerdict>;
}
