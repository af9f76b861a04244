import { ErrorBanner } from '../../ui/error-banner.tsx';
import { ScoreboardTable } from './scoreboard-table.tsx';
import { runSummary } from './smoke-state.ts';
import { useSmoke } from './use-smoke.ts';

/** The Smoke view: the suites with Run buttons, live progress, the scoreboard, and the recent runs. */
export function SmokeView() {
  const { state, run, show, dismissError } = useSmoke();
  const busy = state.running !== undefined;
  const { shown } = state;
  return (
    <div className="stack" data-testid="smoke-view">
      {state.error && <ErrorBanner error={state.error} onDismiss={dismissError} />}
      <section className="card">
        <h2>Smoke suites</h2>
        {state.suites?.configError && (
          <div className="banner banner-error" data-testid="smoke-config-error">
            {state.suites.configError}
          </div>
        )}
        <p className="muted small">
          Declared under <code>smoke:</code> in {state.suites?.configFile ?? 'stack-doctor.yaml'}, plus the built-in <code>diagnosis</code>{' '}
          suite.
        </p>
        <div className="verdict-actions">
          <button type="button" data-testid="smoke-run-all" disabled={busy} onClick={() => run(null)}>
            {busy && state.running === null ? 'Running…' : 'Run all suites'}
          </button>
          {state.suites?.suites.map((suite) => (
            <button
              key={suite.name}
              type="button"
              className="ghost"
              data-testid={`smoke-run-${suite.name}`}
              disabled={busy}
              onClick={() => run(suite.name)}
            >
              Run {suite.name}
              {suite.checks !== null && <span className="muted small"> ({suite.checks})</span>}
            </button>
          ))}
        </div>
        {busy && (
          <p className="checking" data-testid="smoke-progress" aria-live="polite">
            <span className="spinner" aria-hidden="true" /> {state.progress.done}/{state.progress.total || '…'} checks done
          </p>
        )}
      </section>
      {busy && state.progress.results.length > 0 && (
        <section className="card">
          <h2>Running</h2>
          <ScoreboardTable results={state.progress.results} testId="smoke-live" />
        </section>
      )}
      {shown && (
        <section className="card" data-testid="smoke-scoreboard" data-exit-code={shown.exitCode}>
          <h2>
            Scoreboard <span className={shown.exitCode === 0 ? 'ok' : 'bad'}>{shown.exitCode === 0 ? 'all passed' : 'failed'}</span>
          </h2>
          <p className="muted small" data-testid="smoke-summary">
            {runSummary(shown)} · {new Date(shown.scoreboard.startedAt).toLocaleString()} · correlation id{' '}
            <span className="mono">{shown.runId}</span>
          </p>
          <ScoreboardTable results={shown.scoreboard.results} testId="smoke-results" />
        </section>
      )}
      {state.history.length > 0 && (
        <section className="card">
          <h2>History</h2>
          <ul className="probes" data-testid="smoke-history">
            {state.history.map((record) => (
              <li key={record.runId}>
                <button
                  type="button"
                  className="ghost small"
                  onClick={() => show(record.runId)}
                  aria-current={shown?.runId === record.runId}
                >
                  {new Date(record.scoreboard.startedAt).toLocaleTimeString()}
                </button>{' '}
                <span className={record.exitCode === 0 ? 'ok' : 'bad'}>{record.suite ?? 'all suites'}</span> · {runSummary(record)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
