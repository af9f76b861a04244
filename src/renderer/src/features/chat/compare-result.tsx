import { formatDuration } from '../health/format.ts';
import type { ChatOutcome, CompareView } from './chat-view-state.ts';

/** Longest answer excerpt shown per path, characters. */
const EXCERPT_CHARS = 400;

function PathOutcome({ label, outcome }: { label: string; outcome: ChatOutcome }) {
  return (
    <div
      className={`compare-path ${outcome.ok ? 'answered' : 'failed'}`}
      data-testid={`chat-compare-${outcome.transport}`}
      data-ok={outcome.ok}
    >
      <h3>
        {label} <span className={outcome.ok ? 'ok' : 'bad'}>{outcome.ok ? '✓ answered' : `✗ ${outcome.error.class}`}</span>
      </h3>
      <p className="muted small">
        <span className="mono">{outcome.url ?? 'not contacted'}</span> · {formatDuration(outcome.totalMs)} · correlation id{' '}
        <span className="mono">{outcome.correlationId}</span>
      </p>
      {outcome.ok ? (
        <pre className="chat-tokens compare-answer">
          {outcome.response.length > EXCERPT_CHARS ? `${outcome.response.slice(0, EXCERPT_CHARS)}…` : outcome.response}
        </pre>
      ) : (
        <p className="small">{outcome.error.explanation}</p>
      )}
    </div>
  );
}

/** "Compare paths": WS and HTTP side by side, and whether both answered and agree. */
export function CompareResult({ compare }: { compare: CompareView }) {
  return (
    <section className="card compare" aria-live="polite">
      <h2>
        Compare paths <span className="muted small mono">{compare.message}</span>
      </h2>
      {compare.status === 'running' && (
        <p className="checking">
          <span className="spinner" aria-hidden="true" /> Sending over WebSocket and HTTP…
        </p>
      )}
      {compare.status === 'failed' && (
        <p className="bad" data-testid="chat-compare-result" data-agree="false">
          {compare.error.code}: {compare.error.message}
        </p>
      )}
      {compare.status === 'done' && (
        <>
          <div
            className={`compare-verdict ${compare.result.agree ? 'agree' : 'disagree'}`}
            data-testid="chat-compare-result"
            data-agree={String(compare.result.agree)}
            data-both-answered={String(compare.result.bothAnswered)}
          >
            <strong>
              {compare.result.agree
                ? 'Both paths answered and agree'
                : compare.result.bothAnswered
                  ? 'Both answered but disagree'
                  : 'Not both paths answered'}
            </strong>
            <span>{compare.result.summary}</span>
          </div>
          <div className="compare-grid">
            <PathOutcome label="WebSocket" outcome={compare.result.ws} />
            <PathOutcome label="HTTP" outcome={compare.result.http} />
          </div>
        </>
      )}
    </section>
  );
}
