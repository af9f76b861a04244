import type { RecoveryPolicy } from '../../../shared/model/recovery.ts';

/**
 * The delay before attempt `attempt` (1-based) of a crash loop, ms: exponential initialDelayMs × multiplier^(n-1),
 * linear initialDelayMs × n, both capped at maxDelayMs; immediate and manual never wait (manual waits for a human).
 */
export function backoffDelayMs(policy: RecoveryPolicy, attempt: number): number {
  const n = Math.max(1, attempt);
  switch (policy.strategy) {
    case 'exponential':
      return Math.round(Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.multiplier ** (n - 1)));
    case 'linear':
      return Math.round(Math.min(policy.maxDelayMs, policy.initialDelayMs * n));
    case 'immediate':
    case 'manual':
      return 0;
  }
}

/** What to do about a failure. */
export type RecoveryDecision =
  | { kind: 'give-up'; attempts: number }
  | { kind: 'await-manual'; attempt: number }
  | { kind: 'schedule'; attempt: number; delayMs: number };

/**
 * Decides the next attempt after a failure, given the attempts already made in this crash loop. `immediate`: the
 * failure ended a stable run (or a dependency just came back), so the attempt has no delay whatever the strategy.
 * A manual-strategy service always waits for approval, and keeps waiting once its attempts are used up.
 */
export function decideRecovery(policy: RecoveryPolicy, attemptsMade: number, immediate: boolean): RecoveryDecision {
  const attempt = attemptsMade + 1;
  if (policy.strategy === 'manual') return { kind: 'await-manual', attempt: Math.min(attempt, policy.maxAttempts) };
  if (attempt > policy.maxAttempts) return { kind: 'give-up', attempts: attemptsMade };
  return { kind: 'schedule', attempt, delayMs: immediate ? 0 : backoffDelayMs(policy, attempt) };
}
