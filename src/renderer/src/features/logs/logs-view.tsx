import { useEffect, useRef, useState } from 'react';
import type { ContractError } from '../../../../shared/contract/index.ts';
import { logLevelSchema, type LogEntry } from '../../../../shared/model/index.ts';
import { useApi } from '../../api/use-api.ts';
import { ErrorBanner } from '../../ui/error-banner.tsx';
import { appendLive, emptyLogFilter, logFilterFromHash, toLogFilter, type LogFilterForm } from './logs-state.ts';

const LEVEL_CLASS: Record<string, string> = { warn: 'warn', error: 'bad', fatal: 'bad' };

/** The Logs view: the structured log filtered by correlation id, service and level, following live entries. */
export function LogsView() {
  const api = useApi();
  // Opened by the tray's "Open logs" of a service: `#logs/service=NAME` filters on it.
  const [form, setForm] = useState<LogFilterForm>(() => logFilterFromHash(window.location.hash) ?? emptyLogFilter);
  const [applied, setApplied] = useState<LogFilterForm>(() => logFilterFromHash(window.location.hash) ?? emptyLogFilter);
  const [entries, setEntries] = useState<LogEntry[]>([]);
  const [error, setError] = useState<ContractError | null>(null);
  const filterRef = useRef(toLogFilter(applied));

  useEffect(() => {
    const filter = toLogFilter(applied);
    filterRef.current = filter;
    let cancelled = false;
    // Subscribed before the query, so nothing written in between is missed; `seq` drops what both carry.
    const subscription = api.on('logEntries', (live) => setEntries((shown) => appendLive(shown, live, filterRef.current)));
    void api.getLogs(filter).then((result) => {
      if (cancelled) return;
      if (result.ok) setEntries((live) => appendLive(result.value, live, filter));
      else setError(result.error);
    });
    return () => {
      cancelled = true;
      subscription.dispose();
    };
  }, [api, applied]);

  useEffect(() => {
    const onHash = () => {
      const fromHash = logFilterFromHash(window.location.hash);
      if (!fromHash) return;
      setForm(fromHash);
      setEntries([]);
      setApplied(fromHash);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const field = (name: keyof LogFilterForm) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [name]: event.target.value }));

  return (
    <div className="stack" data-testid="logs-view">
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      <section className="card">
        <h2>Logs</h2>
        <form
          className="verdict-actions"
          onSubmit={(event) => {
            event.preventDefault();
            setEntries([]);
            setApplied(form);
          }}
        >
          <label>
            Correlation id <input data-testid="logs-correlation" value={form.correlationId} onChange={field('correlationId')} />
          </label>
          <label>
            Service <input data-testid="logs-service" value={form.service} onChange={field('service')} />
          </label>
          <label>
            Level{' '}
            <select data-testid="logs-level" value={form.minLevel} onChange={field('minLevel')}>
              <option value="">any</option>
              {logLevelSchema.options.map((level) => (
                <option key={level} value={level}>
                  {level} and above
                </option>
              ))}
            </select>
          </label>
          <button type="submit" data-testid="logs-apply">
            Filter
          </button>
        </form>
        <p className="muted small" data-testid="logs-count">
          {entries.length} entries · following live
        </p>
      </section>
      <section className="card">
        <table className="table compact" data-testid="logs-table">
          <thead>
            <tr>
              <th>Time</th>
              <th>Level</th>
              <th>Service</th>
              <th>Message</th>
              <th>Correlation id</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.seq} data-testid="log-row" data-level={entry.level} data-correlation-id={entry.correlationId ?? ''}>
                <td className="mono small">{entry.time.slice(11, 23)}</td>
                <td className={LEVEL_CLASS[entry.level] ?? ''}>{entry.level}</td>
                <td>{entry.service ?? ''}</td>
                <td>
                  {entry.msg}
                  {Object.keys(entry.fields).length > 0 && <div className="muted small mono">{JSON.stringify(entry.fields)}</div>}
                </td>
                <td className="mono small">{entry.correlationId ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
