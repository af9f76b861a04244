import type { OrchestratorTarget } from '../../../../shared/model/index.ts';
import { formatDuration } from './format.ts';

const decisionLabel: Record<OrchestratorTarget['decision'], string> = {
  'as-configured': 'as configured',
  'localhost-fallback': 'localhost fallback',
  unresolvable: 'unresolvable',
  'not-checked': 'not checked',
};

/** Where the orchestrator really lives from here: configured → resolved, the decision, and every attempt. */
export function OrchestratorPanel({ target }: { target: OrchestratorTarget }) {
  return (
    <section className="card">
      <h2>Orchestrator</h2>
      <div className="route">
        <span className="mono" title={`from ${target.configuredFrom}`}>
          {target.configuredUrl}
        </span>
        <span className="arrow" aria-hidden="true">
          →
        </span>
        <span className="mono">{target.resolvedUrl ?? 'nowhere'}</span>
        <span className={`badge decision-${target.decision}`} data-testid="orchestrator-decision" data-decision={target.decision}>
          {decisionLabel[target.decision]}
        </span>
      </div>
      <p className="reason">{target.reason}</p>
      <p className="muted small">
        configured by <span className="mono">{target.configuredFrom}</span>
        {target.hostIsAlias ? ' · host is a docker alias' : ''}
      </p>
      {target.attempts.length > 0 && (
        <table className="table compact">
          <thead>
            <tr>
              <th>Attempt</th>
              <th>Step</th>
              <th>Result</th>
              <th className="num">Latency</th>
            </tr>
          </thead>
          <tbody>
            {target.attempts.map((attempt, index) => (
              <tr key={`${attempt.url}-${attempt.step}-${index}`}>
                <td className="mono">{attempt.url}</td>
                <td>{attempt.step}</td>
                <td>
                  {attempt.result.ok ? (
                    <span className="ok">ok</span>
                  ) : (
                    <span className="bad" title={attempt.result.error?.message}>
                      {attempt.result.error?.code ?? 'failed'}
                    </span>
                  )}
                </td>
                <td className="num">{formatDuration(attempt.result.latencyMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
