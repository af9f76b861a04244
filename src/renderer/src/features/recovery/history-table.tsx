import type { RecoveryHistoryEntry } from '../../../../shared/model/index.ts';
import { formatAge, formatDuration } from '../health/format.ts';

/** Finished plans, newest first (bounded by the controller's HISTORY_SHOWN). Re-renders only when the list changes. */
export function HistoryTable({ history, nowMs }: { history: RecoveryHistoryEntry[]; nowMs: number }) {
  return (
    <section className="card" data-testid="recovery-history">
      <h2>History</h2>
      {history.length === 0 ? (
        <p className="muted">No recovery has finished yet.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>When</th>
              <th>Service</th>
              <th>Result</th>
              <th>Action</th>
              <th>Attempt</th>
              <th>Took</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {history.map((entry) => (
              <tr key={`${entry.planId}-${entry.at}`} data-testid="history-entry" data-service={entry.service} data-state={entry.state}>
                <td title={entry.at}>{formatAge(entry.at, nowMs)}</td>
                <td className="mono">{entry.service}</td>
                <td>
                  <span className={`badge plan-${entry.state.toLowerCase()}`}>{entry.state}</span>
                </td>
                <td>{entry.action}</td>
                <td className="num">{entry.attempt}</td>
                <td className="num">{entry.durationMs === null ? '—' : formatDuration(entry.durationMs)}</td>
                <td className="muted small">{entry.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
