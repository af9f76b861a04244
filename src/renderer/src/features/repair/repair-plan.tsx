import type { RepairPlan, StepOutcome } from '../../../../shared/model/index.ts';

/** The plan: each step with what it answers, its command, the lasting change, risk, undo and live status. */
export function RepairPlanSteps({ plan, steps }: { plan: RepairPlan; steps: Record<string, 'running' | StepOutcome> }) {
  if (plan.steps.length === 0) return <p className="muted">No step: nothing here is something Stack Doctor can repair.</p>;
  return (
    <ol className="repair-steps" data-testid="repair-steps">
      {plan.steps.map((step) => {
        const status = steps[step.id];
        const label = status === undefined ? 'pending' : status === 'running' ? 'running' : status.status;
        return (
          <li key={step.id} data-testid="repair-step" data-kind={step.kind} data-status={label}>
            <div className="row">
              <strong>{step.title}</strong>
              <span className={`pill risk-${step.risk.level}`}>risk: {step.risk.level}</span>
              <span className="pill" data-testid="repair-step-status">
                {label}
              </span>
            </div>
            <p>{step.effect}</p>
            {step.answers.map((answer) => (
              <p key={`${answer.id}-${answer.subject}`} className="small">
                answers <code>{answer.id}</code>: {answer.summary}
              </p>
            ))}
            {step.command && (
              <pre className="mono" data-testid="repair-step-command">
                {step.command}
              </pre>
            )}
            {step.lasting && (
              <details>
                <summary>Lasting change</summary>
                <pre className="mono">{step.lasting}</pre>
              </details>
            )}
            <p className="small muted">Risk: {step.risk.reason}</p>
            <p className="small muted">
              Undo: {step.undo.possible ? (step.undo.command ?? step.undo.how) : `not possible (${step.undo.how})`}
            </p>
            {typeof status === 'object' && (
              <p className={status.status === 'succeeded' ? 'ok small' : 'bad small'}>
                {status.detail} ({Math.round(status.durationMs)} ms)
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** Findings a repair leaves alone, with why and the fix text. */
export function NeedsYouList({ plan }: { plan: RepairPlan }) {
  if (plan.needsYou.length === 0) return null;
  return (
    <section data-testid="repair-needs-you">
      <h3>Needs you</h3>
      <ul>
        {plan.needsYou.map((item) => (
          <li key={`${item.finding.id}-${item.finding.subject}`} data-finding-id={item.finding.id}>
            <strong>{item.finding.id}</strong> {item.finding.subject}: {item.finding.summary}
            <p className="small muted">Why not: {item.why}</p>
            <p className="small">Fix: {item.fix}</p>
            {item.command && <pre className="mono">{item.command}</pre>}
          </li>
        ))}
      </ul>
    </section>
  );
}
