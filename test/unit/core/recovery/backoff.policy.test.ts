import { describe, expect, it } from 'vitest';
import { recoveryPolicySchema, type RecoveryPolicyInput } from '../../../../src/shared/model/recovery.ts';
import { backoffDelayMs, decideRecovery } from '../../../../src/main/core/recovery/backoff.policy.ts';

const policy = (input: RecoveryPolicyInput) => recoveryPolicySchema.parse(input);
const delays = (input: RecoveryPolicyInput, n = 8) => Array.from({ length: n }, (_, i) => backoffDelayMs(policy(input), i + 1));

describe('backoff delays', () => {
  it('exponential: initial × multiplier^(n-1), capped at maxDelayMs (defaults 1 s, ×2, 60 s)', () => {
    expect(delays({})).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000]);
    expect(delays({ initialDelayMs: 500, multiplier: 1.5, maxDelayMs: 3000 }, 6)).toEqual([500, 750, 1125, 1688, 2531, 3000]);
    expect(delays({ multiplier: 1 }, 3)).toEqual([1000, 1000, 1000]);
  });

  it('linear: initial × n, capped', () => {
    expect(delays({ strategy: 'linear', initialDelayMs: 2000, maxDelayMs: 7000 }, 5)).toEqual([2000, 4000, 6000, 7000, 7000]);
  });

  it('immediate and manual never wait', () => {
    expect(delays({ strategy: 'immediate' }, 3)).toEqual([0, 0, 0]);
    expect(delays({ strategy: 'manual' }, 3)).toEqual([0, 0, 0]);
  });

  it('an initial delay of 0 gives 0 for every attempt', () => {
    expect(delays({ initialDelayMs: 0, maxDelayMs: 0 }, 3)).toEqual([0, 0, 0]);
  });
});

describe('decideRecovery', () => {
  const p = policy({ maxAttempts: 3 });

  it('schedules the next attempt with its backoff, or at once after a stable run', () => {
    expect(decideRecovery(p, 0, false)).toEqual({ kind: 'schedule', attempt: 1, delayMs: 1000 });
    expect(decideRecovery(p, 2, false)).toEqual({ kind: 'schedule', attempt: 3, delayMs: 4000 });
    expect(decideRecovery(p, 2, true)).toEqual({ kind: 'schedule', attempt: 3, delayMs: 0 });
  });

  it('gives up once maxAttempts were made', () => {
    expect(decideRecovery(p, 3, false)).toEqual({ kind: 'give-up', attempts: 3 });
    expect(decideRecovery(p, 3, true)).toEqual({ kind: 'give-up', attempts: 3 });
  });

  it('a manual-strategy service always waits for approval, also once its attempts are used up', () => {
    const manual = policy({ strategy: 'manual', maxAttempts: 2 });
    expect(decideRecovery(manual, 0, false)).toEqual({ kind: 'await-manual', attempt: 1 });
    expect(decideRecovery(manual, 5, false)).toEqual({ kind: 'await-manual', attempt: 2 });
  });
});
