import type { BreakerView, TargetView } from './chat-view-state.ts';

const decisionLabel: Record<string, string> = {
  'as-configured': 'as configured',
  'localhost-fallback': 'localhost fallback',
  unresolvable: 'unresolvable',
  'not-checked': 'not checked',
  pinned: 'pinned',
};

interface TargetPanelProps {
  target: TargetView | null;
  /** What the composer's pin field holds now: the next send goes there. */
  pinnedNext: string;
  breakers: BreakerView[];
  clientId: string | null;
  sessionId: string | null;
}

/** Where the chat goes and why, the circuit breaker per target, and the ids every exchange carries. */
export function ChatTargetPanel({ target, pinnedNext, breakers, clientId, sessionId }: TargetPanelProps) {
  return (
    <section className="card">
      <h2>Target</h2>
      {target ? (
        <>
          <div className="route">
            <span className="mono">{target.url}</span>
            <span className={`badge decision-${target.decision}`} data-testid="chat-target" data-decision={target.decision}>
              {decisionLabel[target.decision] ?? target.decision}
            </span>
          </div>
          <p className="reason">{target.reason}</p>
          <p className="muted small">{target.source === 'diagnosis' ? 'from the last diagnosis' : 'from the last exchange'}</p>
        </>
      ) : (
        <p className="muted">No diagnosis or exchange yet: the first send resolves the target.</p>
      )}
      {pinnedNext.trim() && (
        <p className="small">
          Next send pinned to <span className="mono">{pinnedNext.trim()}</span> (resolution bypassed).
        </p>
      )}
      <h3>Circuit breakers</h3>
      {breakers.length === 0 ? (
        <p className="muted small">None yet: a breaker appears per target once it is used.</p>
      ) : (
        <ul className="breakers">
          {breakers.map((breaker) => (
            <li key={breaker.target}>
              <span className="mono">{breaker.target}</span>{' '}
              <span
                className={`badge breaker-${breaker.state}`}
                data-testid="chat-breaker"
                data-state={breaker.state}
                data-target={breaker.target}
              >
                {breaker.state}
              </span>
              {breaker.lastFailure && <span className="muted small"> last failure {breaker.lastFailure}</span>}
            </li>
          ))}
        </ul>
      )}
      <dl className="facts small ids">
        <dt>client id</dt>
        <dd className="mono" data-testid="chat-client-id">
          {clientId ?? '—'}
        </dd>
        <dt>session id</dt>
        <dd className="mono" data-testid="chat-session-id">
          {sessionId ?? '—'}
        </dd>
      </dl>
    </section>
  );
}
