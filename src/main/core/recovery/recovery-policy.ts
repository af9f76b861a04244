import { z } from 'zod';
import { recoveryPolicySchema, type RecoveryPolicy, type RecoveryResult } from '../../../shared/model/recovery.ts';

/**
 * Validates a policy (defaults fill what it leaves out). Refused with INVALID_POLICY and a message naming each bad
 * field, e.g. `multiplier must be ≥ 1.0 → at multiplier`; `label` (a service name) prefixes the message.
 */
export function parseRecoveryPolicy(input: unknown, label?: string): RecoveryResult<RecoveryPolicy> {
  const parsed = recoveryPolicySchema.safeParse(input ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  const message = z.prettifyError(parsed.error);
  return { ok: false, error: { code: 'INVALID_POLICY', message: label ? `policy of ${label}: ${message}` : message } };
}
