/** Capped exponential backoff with jitter: the one formula behind every retry and reconnect delay. */
export interface BackoffOptions {
  /** First delay, ms. */
  initialMs: number;
  /** Ceiling of the delay, jitter included, ms. */
  maxMs: number;
  /** Fraction of the delay drawn at random either way: 0.2 gives ±20%. Default 0.2. */
  jitter?: number;
  /** Random source in [0, 1). Default Math.random. */
  random?: () => number;
}

/**
 * The delay before retry number `attempt` (0 for the first), in whole ms: `initialMs · 2^attempt`, spread by ±`jitter` so that many clients cut off together do not come back in lockstep. Pure,
 * so the renderer (which cannot import src/main) and main compute delays the same way.
 */
export function backoffDelayMs(attempt: number, { initialMs, maxMs, jitter = 0.2, random = Math.random }: BackoffOptions): number {
  const delay = Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt));
  return Math.min(maxMs, Math.round(delay * (1 - jitter + 2 * jitter * random())));
}
