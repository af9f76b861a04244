/**
 * Resilience, in one place. What keeps a failing peer from hurting the app, and where each piece lives:
 *
 * - Circuit breaker: cockatiel's, one per chat target origin ({@link createTargetBreaker}; the registry that
 *   keeps one per origin and turns its state changes into events is orchestrator/breaker-registry.ts).
 * - Exchange deadline: one plain timer per chat exchange (./exchange-deadline.ts explains why not cockatiel's
 *   TimeoutPolicy: its AbortController per call cost more than the rest of the client on a reused socket).
 * - Backoff: one capped exponential formula with jitter, `backoffDelayMs` in src/shared/resilience/backoff.ts,
 *   pure so the renderer's ws transport reconnects with it too; {@link createBackoff} hands it to cockatiel's
 *   `ExponentialBackoff` for a main-process retry or reconnect policy.
 */
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  IsolatedCircuitError,
  circuitBreaker,
  handleWhenResult,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import { backoffDelayMs, type BackoffOptions } from '../../../shared/resilience/backoff.ts';
import type { BreakerState } from '../../../shared/model/index.ts';
import { countsAgainstBreaker } from '../../core/chat/breaker-rules.ts';
import type { ChatOutcome } from '../../core/chat/chat-outcome.ts';

/** Circuit breaker thresholds, one breaker per target origin (shared by HTTP and WS). */
export interface BreakerOptions {
  /** Consecutive counted failures that open the breaker. Default 5. */
  consecutiveFailures?: number;
  /** Time the breaker stays open before letting one test exchange through (half-open), ms. Default 10000. */
  halfOpenAfterMs?: number;
}

export const BREAKER_DEFAULTS = { consecutiveFailures: 5, halfOpenAfterMs: 10_000 } as const satisfies Required<BreakerOptions>;

/** Budget of one exchange when neither the request nor `chat.timeoutMs` sets one, ms. */
export const DEFAULT_EXCHANGE_TIMEOUT_MS = 30_000;

/**
 * The target's breaker: failed outcomes that {@link countsAgainstBreaker} counts are failures; they are
 * returned as values (the breaker never turns an outcome into an exception). Thrown errors are not counted:
 * transports never throw, so a throw is a bug to surface, not a target to fence off.
 */
export function createTargetBreaker(options: BreakerOptions = {}): CircuitBreakerPolicy {
  const threshold = options.consecutiveFailures ?? BREAKER_DEFAULTS.consecutiveFailures;
  const halfOpenAfter = options.halfOpenAfterMs ?? BREAKER_DEFAULTS.halfOpenAfterMs;
  const failed = (result: unknown): boolean => {
    const outcome = result as ChatOutcome;
    return !outcome.ok && countsAgainstBreaker(outcome.error);
  };
  return circuitBreaker(handleWhenResult(failed), { halfOpenAfter, breaker: new ConsecutiveBreaker(threshold) });
}

export function isCircuitOpenError(error: unknown): boolean {
  return error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError;
}

export function breakerStateOf(state: CircuitState): BreakerState {
  switch (state) {
    case CircuitState.Closed:
      return 'closed';
    case CircuitState.HalfOpen:
      return 'half-open';
    case CircuitState.Open:
    case CircuitState.Isolated:
      return 'open';
  }
}

/**
 * Cockatiel's ExponentialBackoff driven by the shared formula (`backoffDelayMs`): the delays a main-process
 * `retry(…, { backoff })` or reconnect loop waits are the ones the renderer's transport waits.
 */
export function createBackoff(options: BackoffOptions): ExponentialBackoff<number> {
  return new ExponentialBackoff<number>({
    initialDelay: options.initialMs,
    maxDelay: options.maxMs,
    // The state is the attempt number; cockatiel passes undefined for the first delay.
    generator: (attempt = 0) => [backoffDelayMs(attempt, options), attempt + 1],
  });
}
