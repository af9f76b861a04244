import { describe, expect, it } from 'vitest';
import { parseRecoveryPolicy } from '../../../../src/main/core/recovery/recovery-policy.ts';

describe('recovery policy validation', () => {
  it('fills the defaults: exponential, 1 s, ×2, 60 s cap, 5 attempts, 10 s stable, 10 min reset, 5 min degraded, 60 s start grace', () => {
    const parsed = parseRecoveryPolicy({});
    expect(parsed).toEqual({
      ok: true,
      value: {
        strategy: 'exponential',
        initialDelayMs: 1000,
        multiplier: 2,
        maxDelayMs: 60_000,
        maxAttempts: 5,
        stableAfterMs: 10_000,
        resetAfterMs: 600_000,
        degradedGraceMs: 300_000,
        startGraceMs: 60_000,
        unhealthyAfterFailures: 3,
        stopTimeoutSec: 10,
        healthTimeoutMs: 30_000,
      },
    });
  });

  it.each([
    ['maxAttempts', { maxAttempts: 0 }],
    ['maxAttempts', { maxAttempts: 2.5 }],
    ['multiplier', { multiplier: 0.99 }],
    ['initialDelayMs', { initialDelayMs: -1 }],
    ['maxDelayMs', { initialDelayMs: 5000, maxDelayMs: 4999 }],
    ['maxDelayMs', { maxDelayMs: -5 }],
    ['strategy', { strategy: 'fibonacci' }],
    ['unhealthyAfterFailures', { unhealthyAfterFailures: 0 }],
    ['stopTimeoutSec', { stopTimeoutSec: -1 }],
    ['healthTimeoutMs', { healthTimeoutMs: 0 }],
    ['degradedGraceMs', { degradedGraceMs: 'soon' }],
  ])('refuses a bad %s with INVALID_POLICY naming the field', (field, input) => {
    const parsed = parseRecoveryPolicy(input, 'api');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.code).toBe('INVALID_POLICY');
    expect(parsed.error.message).toContain('policy of api');
    expect(parsed.error.message).toContain(`→ at ${field}`);
  });

  it('refuses an unknown field by its name', () => {
    const parsed = parseRecoveryPolicy({ maxAtempts: 3 });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toContain('maxAtempts');
  });

  it('accepts the edges: maxAttempts 1, multiplier 1.0, initialDelayMs 0, maxDelayMs = initialDelayMs', () => {
    expect(parseRecoveryPolicy({ maxAttempts: 1, multiplier: 1, initialDelayMs: 0, maxDelayMs: 0 }).ok).toBe(true);
    expect(parseRecoveryPolicy({ initialDelayMs: 3000, maxDelayMs: 3000 }).ok).toBe(true);
  });
});
