import { memo } from 'react';
import type { OrchestratorTarget, TargetAttempt } from '../../../../shared/model/index.ts';
import { formatDuration } from './format.ts';
import { classifyAttempt, type HostExpectations } from './host-expectation.ts';

const decisionLabel: Record<OrchestratorTarget['decision'], string> = {
  'as-configured': 'as configured',
  'localhost-fallback': 'localhost fallback',
  unresolvable: 'unresolvable',
  'not-checked': 'not checked',
};

/** An attempt's outcome; the docker alias's DNS step failing from the host is expected, shown neutral with the reason. */
function AttemptResult({ attempt, expectations }: { attempt: TargetAttempt; expectations: HostExpectations }) {
  const { status, reason } = classifyAttempt(attempt, expectations);
  const code = attempt.result.error?.code ?? 'failed';
  return (
    <td data-testid="orchestrator-attempt" data-status={status}>
      {status === 'ok' && <span className="ok">ok</span>}
      {status === 'failed' && (
        <span className="bad" title={attempt.result.error?.message}>
          {code}
        </span>
      )}
      {status === 'expected' && (
        <span className="expected-note" title={reason}>
          {code} · expected
        </span>
      )}
    </td>
  );
}

/**
 * Where the orchestrator really lives from here: configured → resolved, the decision, and every attempt. A stack
 * without an orchestrator gets one neutral line saying so (the diagnosis probed nothing and found nothing missing).
 */
export const OrchestratorPanel = memo(function OrchestratorPanel({
  target,
  expectations,
}: {
  target: OrchestratorTarget;
  expectations: HostExpectations;
}) {
  if (target.present === false) {
    return (
      <section className="card">
        <h2>Orchestrator</h2>
        <p className="muted" data-testid="orchestrator-absent">
          {target.reason}
        </p>
      </section>
    );
  }
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
                <AttemptResult attempt={attempt} expectations={expectations} />
                <td className="num">{formatDuration(attempt.result.latencyMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
});
