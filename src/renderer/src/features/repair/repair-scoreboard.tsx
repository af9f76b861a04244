import type { RepairScoreboard } from '../../../../shared/model/index.ts';
import { ScoreboardTable } from '../smoke/scoreboard-table.tsx';

/** Before/after: verdicts, findings closed, remaining and new, time taken, and the smoke suites that verified it. */
export function RepairScoreboardCard({ board }: { board: RepairScoreboard }) {
  const t = board.timing;
  return (
    <section className="card" data-testid="repair-scoreboard" data-result={board.result}>
      <h3>
        {board.result.toUpperCase()}: {board.before.verdict} → {board.after.verdict}
      </h3>
      <p className="small muted">
        {board.steps.succeeded} succeeded, {board.steps.failed} failed, {board.steps.skipped} skipped · {Math.round(t.totalMs)} ms (engine{' '}
        {Math.round(t.engineMs)}, diagnosis {Math.round(t.diagnosisMs)}, tool {Math.round(t.toolMs)})
      </p>
      <h4>Closed ({board.closed.length})</h4>
      <ul>
        {board.closed.map((f) => (
          <li key={`${f.id}-${f.subject}`} data-testid="repair-closed" data-finding-id={f.id} className="ok">
            {f.id} {f.subject}
          </li>
        ))}
      </ul>
      <h4>Remaining ({board.remaining.length})</h4>
      <ul>
        {board.remaining.map((f) => (
          <li key={`${f.id}-${f.subject}`} data-testid="repair-remaining" data-finding-id={f.id}>
            {f.id} {f.subject}: {f.summary}
          </li>
        ))}
      </ul>
      {board.smoke && (
        <>
          <h4 data-testid="repair-smoke" data-failed={board.smoke.failed + board.smoke.errors}>
            Smoke: {board.smoke.passed}/{board.smoke.total} passed
            {board.smoke.failed + board.smoke.errors > 0 ? `, ${board.smoke.failed} failed, ${board.smoke.errors} errors` : ''}
          </h4>
          <ScoreboardTable results={board.smoke.results} testId="repair-smoke-check" />
        </>
      )}
      {board.appeared.length > 0 && (
        <>
          <h4>New ({board.appeared.length})</h4>
          <ul>
            {board.appeared.map((f) => (
              <li key={`${f.id}-${f.subject}`} className="bad">
                {f.id} {f.subject}: {f.summary}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
