import { useState } from 'react';
import { NeedsYouList, RepairPlanSteps } from './repair-plan.tsx';
import { RepairScoreboardCard } from './repair-scoreboard.tsx';
import { useRepair } from './use-repair.ts';

/** One-click repair: preview the plan, confirm, watch each step, then the before/after scoreboard and the report. */
export function RepairView() {
  const { state, reports, preview, execute, cancel, exportReport } = useRepair();
  const [confirming, setConfirming] = useState(false);
  const { plan, phase } = state;
  const steps = plan?.steps.length ?? 0;

  return (
    <div className="repair" data-testid="repair-view" data-phase={phase}>
      <section className="card">
        <div className="row">
          <h2>Repair</h2>
          <button
            type="button"
            data-testid="repair-preview"
            disabled={phase === 'previewing' || phase === 'running'}
            onClick={() => void preview()}
          >
            {plan ? 'Preview again' : 'Preview repair'}
          </button>
        </div>
        <p className="muted small">
          A preview touches nothing. Only containers of this workspace's stack are ever touched; findings no step can fix are listed under
          “Needs you”.
        </p>
        {phase === 'previewing' && <p className="muted">Diagnosing and planning…</p>}
        {state.error && (
          <p className="bad" role="alert" data-testid="repair-error">
            {state.error}
          </p>
        )}
      </section>
      {plan && (
        <section className="card" data-testid="repair-plan" data-plan-id={plan.id}>
          <h3>
            Plan for {plan.workspace} <span className="muted small">(verdict now: {plan.verdict})</span>
          </h3>
          <RepairPlanSteps plan={plan} steps={state.steps} />
          <NeedsYouList plan={plan} />
          {phase === 'planned' && steps > 0 && !confirming && (
            <button type="button" className="primary" data-testid="repair-run" onClick={() => setConfirming(true)}>
              Repair ({steps} {steps === 1 ? 'step' : 'steps'})…
            </button>
          )}
          {phase === 'planned' && confirming && (
            <div className="row" role="group" aria-label="Confirm the repair">
              <span>Carry out {steps === 1 ? 'this step' : `these ${steps} steps`}?</span>
              <button
                type="button"
                className="primary"
                data-testid="repair-confirm"
                onClick={() => {
                  setConfirming(false);
                  void execute();
                }}
              >
                Yes, repair
              </button>
              <button type="button" className="ghost" onClick={() => setConfirming(false)}>
                No
              </button>
            </div>
          )}
          {phase === 'running' && (
            <div className="row">
              <span className="muted" data-testid="repair-running">
                {state.verifying ? `Verifying by ${state.verifying === 'smoke' ? 'the smoke suites' : 'a fresh diagnosis'}…` : 'Repairing…'}
              </span>
              <button type="button" className="ghost" onClick={cancel}>
                Cancel
              </button>
            </div>
          )}
        </section>
      )}
      {state.notice && (
        <p className="banner" data-testid="repair-notice">
          {state.notice}
        </p>
      )}
      {state.scoreboard && <RepairScoreboardCard board={state.scoreboard} />}
      {state.reportId && (
        <p className="small" data-testid="repair-report">
          Report: <span className="mono">{state.reportPath ?? 'not written'}</span>{' '}
          <button type="button" className="ghost small" onClick={() => void exportReport(state.reportId!, 'markdown')}>
            Export Markdown
          </button>
          <button type="button" className="ghost small" onClick={() => void exportReport(state.reportId!, 'json')}>
            Export JSON
          </button>
        </p>
      )}
      {reports.length > 0 && (
        <section className="card" data-testid="repair-reports">
          <h3>Earlier repairs</h3>
          <ul>
            {reports.map((r) => (
              <li key={r.id}>
                {r.startedAt} · {r.status}
                {r.result ? ` · ${r.result} (${r.before} → ${r.after}, ${r.closed} closed)` : ''}{' '}
                <button type="button" className="ghost small" onClick={() => void exportReport(r.id, 'markdown')}>
                  Export
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
