import { describe, expect, it } from 'vitest';
import { draftFromPolicy, errorsFromContract, policyFromDraft } from '../../../src/renderer/src/features/recovery/policy-form.ts';
import { recoveryPolicySchema } from '../../../src/shared/model/index.ts';

const base = recoveryPolicySchema.parse({ stableAfterMs: 5_000 });

describe('policy editor form', () => {
  it('round-trips a policy and keeps the fields it does not show', () => {
    const draft = { ...draftFromPolicy(base), strategy: 'linear' as const, initialDelayMs: '2000', maxAttempts: '3' };
    expect(policyFromDraft(draft, base)).toEqual({
      ok: true,
      policy: { ...base, strategy: 'linear', initialDelayMs: 2000, maxAttempts: 3 },
    });
  });

  it('names each field that is not a number', () => {
    const draft = { ...draftFromPolicy(base), multiplier: 'x', maxDelayMs: ' ' };
    expect(policyFromDraft(draft, base)).toEqual({
      ok: false,
      errors: { multiplier: 'Multiplier must be a number', maxDelayMs: 'Max delay must be a number' },
    });
  });

  it("uses the model's schema: its messages, next to the right field, cross-field rules included", () => {
    const bad = policyFromDraft({ ...draftFromPolicy(base), multiplier: '0.5', maxAttempts: '0' }, base);
    expect(bad).toEqual({ ok: false, errors: { multiplier: 'multiplier must be ≥ 1.0', maxAttempts: 'maxAttempts must be ≥ 1' } });
    const cross = policyFromDraft({ ...draftFromPolicy(base), initialDelayMs: '5000', maxDelayMs: '1000' }, base);
    expect(cross).toEqual({ ok: false, errors: { maxDelayMs: 'maxDelayMs (1000) must be ≥ initialDelayMs (5000)' } });
    const fraction = policyFromDraft({ ...draftFromPolicy(base), initialDelayMs: '1.5' }, base);
    expect(fraction).toEqual({ ok: false, errors: { initialDelayMs: 'initialDelayMs must be a whole number of milliseconds' } });
  });

  it("puts main's refusal next to the field it names, else on the form", () => {
    expect(errorsFromContract({ code: 'INVALID_REQUEST', message: 'multiplier must be ≥ 1.0', field: 'policy.multiplier' })).toEqual({
      multiplier: 'multiplier must be ≥ 1.0',
    });
    expect(errorsFromContract({ code: 'UNKNOWN_SERVICE', message: 'db is not supervised' })).toEqual({
      form: 'UNKNOWN_SERVICE: db is not supervised',
    });
    expect(errorsFromContract({ code: 'INVALID_POLICY', message: 'odd', field: 'policy.stopTimeoutSec' })).toEqual({
      form: 'INVALID_POLICY: odd',
    });
  });
});
