import type { ContractError } from '../../../../shared/contract/index.ts';
import { recoveryPolicySchema, type RecoveryPolicy } from '../../../../shared/model/index.ts';

/** The fields the editor shows, in order, with their unit; the rest of the policy is kept as it is. */
export const POLICY_FIELDS = [
  { name: 'initialDelayMs', label: 'Initial delay', unit: 'ms' },
  { name: 'multiplier', label: 'Multiplier', unit: '×' },
  { name: 'maxDelayMs', label: 'Max delay', unit: 'ms' },
  { name: 'maxAttempts', label: 'Max attempts', unit: '' },
] as const;
export type PolicyFieldName = (typeof POLICY_FIELDS)[number]['name'];

/** The editor's text, one string per numeric field. */
export type PolicyDraft = { strategy: RecoveryPolicy['strategy'] } & Record<PolicyFieldName, string>;

/** A message per field name (`strategy`, `maxDelayMs` …); `form` for what belongs to no field. */
export type FieldErrors = Partial<Record<PolicyFieldName | 'strategy' | 'form', string>>;

export function draftFromPolicy(policy: RecoveryPolicy): PolicyDraft {
  return {
    strategy: policy.strategy,
    initialDelayMs: String(policy.initialDelayMs),
    multiplier: String(policy.multiplier),
    maxDelayMs: String(policy.maxDelayMs),
    maxAttempts: String(policy.maxAttempts),
  };
}

/**
 * Draft → policy, validated with the same zod schema main uses (so the messages match what main would answer);
 * every bad field gets its message. Fields the editor does not show keep their value from `base`.
 */
export function policyFromDraft(
  draft: PolicyDraft,
  base: RecoveryPolicy,
): { ok: true; policy: RecoveryPolicy } | { ok: false; errors: FieldErrors } {
  const numbers: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  for (const { name, label } of POLICY_FIELDS) {
    const text = draft[name].trim();
    const value = Number(text);
    if (text === '' || !Number.isFinite(value)) errors[name] = `${label} must be a number`;
    else numbers[name] = value;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const parsed = recoveryPolicySchema.safeParse({ ...base, strategy: draft.strategy, ...numbers });
  if (parsed.success) return { ok: true, policy: parsed.data };
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form') as keyof FieldErrors;
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** main's refusal → the field it names (`policy.maxDelayMs` → `maxDelayMs`), else the form as a whole. */
export function errorsFromContract(error: ContractError): FieldErrors {
  const field = error.field?.startsWith('policy.') ? error.field.slice('policy.'.length) : undefined;
  const known = POLICY_FIELDS.some((f) => f.name === field) || field === 'strategy';
  return known ? { [field as PolicyFieldName]: error.message } : { form: `${error.code}: ${error.message}` };
}
