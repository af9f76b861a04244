/** A failure the adapter expects (engine refused, container gone, timeout): a value, never a throw. */
export interface RecoveryActionError {
  code: string;
  /** Human text; it must not carry environment values or credentials. */
  message: string;
}

export type RecoveryActionOutcome = { ok: true } | { ok: false; error: RecoveryActionError };

/** The container a plan acts on. */
export interface RecoveryTarget {
  service: string;
  /** The service's current container, when known (a plan for a service without a container passes null). */
  containerId: string | null;
}

/** The steps of a recreate, in order; a failure names the step it stopped at. */
export type RecreateStep = 'inspect' | 'create-twin' | 'stop-old' | 'start-twin';

/**
 * Result of the first half of a recreate. On failure the adapter has already undone what it did (the old container
 * runs again, the twin is removed) and says whether that rollback worked.
 */
export type RecreateOutcome =
  { ok: true; oldId: string; twinId: string } | { ok: false; step: RecreateStep; rolledBack: boolean; error: RecoveryActionError };

/** A twin that was started, for the second half of a recreate. */
export interface RecreatePair {
  service: string;
  oldId: string;
  twinId: string;
}

/**
 * What recovery does to containers, implemented by an adapter over the engine's control port. Every call reports
 * expected failures as values; `signal` aborts a call that is no longer wanted (the plan was cancelled).
 */
export interface RecoveryActions {
  /** Starts the service's stopped container. */
  start(target: RecoveryTarget, signal: AbortSignal): Promise<RecoveryActionOutcome>;
  /** Stops the container gracefully (killed after `stopTimeoutSec` seconds), then starts it. */
  restart(target: RecoveryTarget, stopTimeoutSec: number, signal: AbortSignal): Promise<RecoveryActionOutcome>;
  /**
   * Recreates the container with `env` merged over its environment: inspect → create a twin with the new env →
   * stop the old one → start the twin. The old one is kept until `commitRecreate` (the twin proved healthy) or
   * `rollbackRecreate` (it did not).
   */
  recreateWithEnv(target: RecoveryTarget, env: Readonly<Record<string, string>>, signal: AbortSignal): Promise<RecreateOutcome>;
  /** The twin is healthy: removes the old container. */
  commitRecreate(pair: RecreatePair): Promise<RecoveryActionOutcome>;
  /** The twin did not become healthy: stops and removes the twin, starts the old container again. */
  rollbackRecreate(pair: RecreatePair): Promise<RecoveryActionOutcome>;
}
