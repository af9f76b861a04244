import type { SmokeCheckResult } from '../../../../shared/model/index.ts';

const WORD = { pass: 'pass', fail: 'FAIL', error: 'ERROR', skipped: 'skip' } as const;
const CLASS = { pass: 'ok', fail: 'bad', error: 'bad', skipped: 'muted' } as const;

function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Suite, check, result, time, reason: one row per check, as the CLI prints it. */
export function ScoreboardTable({ results, testId }: { results: SmokeCheckResult[]; testId: string }) {
  return (
    <table className="table compact" data-testid={testId}>
      <thead>
        <tr>
          <th>Suite</th>
          <th>Check</th>
          <th>Result</th>
          <th className="num">Time</th>
          <th>Reason</th>
        </tr>
      </thead>
      <tbody>
        {results.map((result) => (
          <tr key={`${result.suite}/${result.check}`} data-testid="smoke-row" data-suite={result.suite} data-result={result.result}>
            <td>{result.suite}</td>
            <td>
              {result.check}
              {result.target && <div className="muted small mono">{result.target}</div>}
            </td>
            <td className={CLASS[result.result]}>{WORD[result.result]}</td>
            <td className="num">{result.result === 'skipped' ? '-' : duration(result.durationMs)}</td>
            <td className="small">{result.reason ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
