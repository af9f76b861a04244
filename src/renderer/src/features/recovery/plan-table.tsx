import type { RecoveryPlanView } from '../../../../shared/model/index.ts';
import { planTiming } from './recovery-format.ts';

interface Props {
  active: RecoveryPlanView[];
  queued: RecoveryPlanView[];
  parallelism: number;
  nowMs: number;
  busy: ReadonlySet<string>;
  onCancel: (planId: string) => void;
  onApprove: (planId: string) => void;
}

const actionWord = (plan: RecoveryPlanView): string =>
  plan.action.kind === 'recreate' ? `recreate (${plan.action.envKeys.join(', ') || 'same env'})` : plan.action.kind;

function PlanRow({
  plan,
  nowMs,
  busy,
  onCancel,
  onApprove,
}: { plan: RecoveryPlanView } & Omit<Props, 'active' | 'queued' | 'parallelism' | 'busy'> & { busy: boolean }) {
  const cancellable = plan.state === 'SCHEDULED' || plan.state === 'AWAITING_MANUAL';
  return (
    <tr data-testid="recovery-plan" data-plan-id={plan.id} data-service={plan.service} data-state={plan.state}>
      <td className="mono">{plan.service}</td>
      <td>
        <span className="badge" data-testid="plan-state">
          {plan.state}
        </span>
      </td>
      <td>{actionWord(plan)}</td>
      <td className="num">
        {plan.attempt}/{plan.maxAttempts}
      </td>
      <td>{planTiming(plan, nowMs)}</td>
      <td className="muted small">{plan.reason}</td>
      <td>
        {plan.state === 'AWAITING_MANUAL' && (
          <button type="button" className="small primary" data-testid="approve-plan" disabled={busy} onClick={() => onApprove(plan.id)}>
            Approve
          </button>
        )}{' '}
        {cancellable && (
          <button type="button" className="small" data-testid="cancel-plan" disabled={busy} onClick={() => onCancel(plan.id)}>
            Cancel
          </button>
        )}
      </td>
    </tr>
  );
}

/** Plans running now, then the queue in the order it would run; cancel or approve from here. */
export function PlanTable({ active, queued, parallelism, nowMs, busy, onCancel, onApprove }: Props) {
  const plans = [...active, ...queued];
  return (
    <section className="card" data-testid="recovery-plans">
      <div className="card-head">
        <h2>Recoveries</h2>
        <span className="muted small">
          {active.length} running (at most {parallelism} at once) · {queued.length} queued
        </span>
      </div>
      {plans.length === 0 ? (
        <p className="muted">Nothing to recover.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Service</th>
              <th>State</th>
              <th>Action</th>
              <th>Attempt</th>
              <th>When</th>
              <th>Why</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {plans.map((plan) => (
              <PlanRow
                key={plan.id}
                plan={plan}
                nowMs={nowMs}
                busy={busy.has(`plan:${plan.id}`)}
                onCancel={onCancel}
                onApprove={onApprove}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
