import { useEffect, useState, type FormEvent } from 'react';
import { recoveryStrategySchema, type RecoveryPolicy } from '../../../../shared/model/index.ts';
import { draftFromPolicy, policyFromDraft, POLICY_FIELDS, type FieldErrors, type PolicyDraft } from './policy-form.ts';

interface Props {
  service: string;
  policy: RecoveryPolicy;
  saving: boolean;
  onSave: (service: string, policy: RecoveryPolicy) => Promise<FieldErrors | null>;
}

const fieldError = (errors: FieldErrors, name: keyof FieldErrors) =>
  errors[name] ? (
    <span className="field-error" role="alert" data-testid={`policy-error-${name}`}>
      {errors[name]}
    </span>
  ) : null;

/** One service's policy: strategy, delays, multiplier, attempts; checked here with main's schema, then by main. */
export function PolicyEditor({ service, policy, saving, onSave }: Props) {
  const [draft, setDraft] = useState<PolicyDraft>(() => draftFromPolicy(policy));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  // Another service, or the policy changed elsewhere (another window): start from what is in force. Compared by
  // value: every status read brings a new object, and a refresh must not wipe what the user is typing.
  const policyKey = JSON.stringify(policy);
  useEffect(() => {
    setDraft(draftFromPolicy(JSON.parse(policyKey) as RecoveryPolicy));
    setErrors({});
  }, [service, policyKey]);

  const edit = (patch: Partial<PolicyDraft>) => {
    setDraft({ ...draft, ...patch });
    setSaved(false);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = policyFromDraft(draft, policy);
    if (!parsed.ok) return setErrors(parsed.errors);
    setErrors({});
    const refused = await onSave(service, parsed.policy);
    if (refused) setErrors(refused);
    else setSaved(true);
  };

  return (
    <form
      className="card policy-editor"
      data-testid="policy-editor"
      data-service={service}
      onSubmit={(event) => void submit(event)}
      noValidate
    >
      <h2>
        Recovery policy of <span className="mono">{service}</span>
      </h2>
      <label className="policy-field">
        Strategy
        <select
          data-testid="policy-strategy"
          value={draft.strategy}
          onChange={(e) => edit({ strategy: e.target.value as PolicyDraft['strategy'] })}
        >
          {recoveryStrategySchema.options.map((strategy) => (
            <option key={strategy} value={strategy}>
              {strategy}
            </option>
          ))}
        </select>
        {fieldError(errors, 'strategy')}
      </label>
      {POLICY_FIELDS.map(({ name, label, unit }) => (
        <label key={name} className="policy-field">
          {label}
          {unit ? ` (${unit})` : ''}
          <input
            type="number"
            data-testid={`policy-${name}`}
            aria-invalid={errors[name] ? true : undefined}
            value={draft[name]}
            onChange={(e) => edit({ [name]: e.target.value })}
          />
          {fieldError(errors, name)}
        </label>
      ))}
      {fieldError(errors, 'form')}
      <div className="policy-actions">
        <button type="submit" className="primary" data-testid="policy-save" disabled={saving}>
          Save policy
        </button>
        {saved && (
          <span className="ok small" data-testid="policy-saved">
            Saved
          </span>
        )}
      </div>
    </form>
  );
}
