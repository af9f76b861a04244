import type { RecoveryPolicy } from '../../../shared/model/recovery.ts';

/** Why recovery is wanted. */
export type FailureCause = 'crash' | 'unhealthy' | 'degraded' | 'not-ready' | 'dependency-recovered' | 'breaker';

/** The latest word of each health source about the running container. Reset when the container (re)starts. */
export interface HealthSources {
  /** Monotonic ms when the container started; undefined while it is not running. */
  upSinceMs: number | undefined;
  probe: 'ok' | 'degraded' | 'failed' | undefined;
  probeFailures: number;
  dockerHealth: 'starting' | 'healthy' | 'unhealthy' | undefined;
  heartbeat: 'healthy' | 'degraded' | 'overloaded' | 'expired' | undefined;
  /** Undefined when the service reports no readiness. */
  ready: boolean | undefined;
  everReady: boolean;
  /** Healthy at least once since this start: from then on, failing probes count even within the start grace. */
  everHealthy: boolean;
}

export const freshSources = (upSinceMs: number | undefined): HealthSources => ({
  upSinceMs,
  probe: undefined,
  probeFailures: 0,
  dockerHealth: undefined,
  heartbeat: undefined,
  ready: undefined,
  everReady: false,
  everHealthy: false,
});

export type HealthLevel =
  | { level: 'failed'; cause: FailureCause; reason: string }
  | { level: 'degraded'; reason: string }
  | { level: 'starting'; reason: string }
  | { level: 'healthy'; reason: string };

/**
 * Folds the sources into one level, worst first. Within the start grace a not-ready service (or one whose probes
 * fail before it was ever healthy) is starting, never failed; one failed probe is nothing until
 * `unhealthyAfterFailures` in a row. An overloaded heartbeat is healthy: a restart sheds no load.
 */
export function evaluateHealth(s: HealthSources, now: number, policy: RecoveryPolicy): HealthLevel {
  const upFor = s.upSinceMs === undefined ? 0 : now - s.upSinceMs;
  const inStartGrace = upFor < policy.startGraceMs;
  if (s.dockerHealth === 'unhealthy') return { level: 'failed', cause: 'unhealthy', reason: 'unhealthy (Docker HEALTHCHECK)' };
  if (s.heartbeat === 'expired') return { level: 'failed', cause: 'unhealthy', reason: 'heartbeat missing or expired' };
  if (s.probeFailures >= policy.unhealthyAfterFailures && (!inStartGrace || s.everHealthy))
    return { level: 'failed', cause: 'unhealthy', reason: `unhealthy: ${s.probeFailures} consecutive failed health probes` };
  if (s.ready === false && !s.everReady && !inStartGrace)
    return { level: 'failed', cause: 'not-ready', reason: `not ready ${Math.round(policy.startGraceMs / 1000)} s after start` };
  if (s.probe === 'degraded') return { level: 'degraded', reason: 'health probe reports degraded' };
  if (s.heartbeat === 'degraded') return { level: 'degraded', reason: 'heartbeat reports degraded' };
  if (s.ready === false)
    return s.everReady ? { level: 'degraded', reason: 'no longer ready' } : { level: 'starting', reason: 'not ready yet' };
  if (s.dockerHealth === 'starting') return { level: 'starting', reason: 'Docker HEALTHCHECK starting' };
  const positive = s.probe === 'ok' || s.dockerHealth === 'healthy' || s.heartbeat !== undefined || s.ready === true;
  if (s.everHealthy || (positive && s.probeFailures === 0)) return { level: 'healthy', reason: 'healthy' };
  if (s.probeFailures === 0 && upFor >= policy.stableAfterMs)
    return { level: 'healthy', reason: `running for ${Math.round(policy.stableAfterMs / 1000)} s` };
  return { level: 'starting', reason: s.probeFailures > 0 ? 'health probe failing' : 'started' };
}

/** The next time the level could change with no new observation (a grace or stability window ending), if any. */
export function nextHealthDeadline(s: HealthSources, now: number, policy: RecoveryPolicy): number | undefined {
  if (s.upSinceMs === undefined) return undefined;
  const candidates = [s.upSinceMs + policy.stableAfterMs, s.upSinceMs + policy.startGraceMs].filter((t) => t > now);
  return candidates.length > 0 ? Math.min(...candidates) : undefined;
}
