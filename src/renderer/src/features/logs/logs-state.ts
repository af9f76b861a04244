import { matchesLogFilter, type LogEntry, type LogFilter } from '../../../../shared/model/index.ts';

/** Entries the view holds at most: older ones drop off as live ones arrive. */
export const MAX_SHOWN_ENTRIES = 500;

/** The filter as the form edits it: empty text means "any". */
export interface LogFilterForm {
  correlationId: string;
  service: string;
  minLevel: NonNullable<LogFilter['minLevel']> | '';
}

export const emptyLogFilter: LogFilterForm = { correlationId: '', service: '', minLevel: '' };

/** The form as a contract filter: blank fields left out, text trimmed. */
export function toLogFilter(form: LogFilterForm, limit = MAX_SHOWN_ENTRIES): LogFilter {
  const correlationId = form.correlationId.trim();
  const service = form.service.trim();
  return {
    ...(correlationId ? { correlationId } : {}),
    ...(service ? { service } : {}),
    ...(form.minLevel ? { minLevel: form.minLevel } : {}),
    limit,
  };
}

/**
 * Adds live entries to what is shown: only those the filter passes and not already there (by `seq`), in
 * `seq` order, the newest `max` kept.
 */
export function appendLive(shown: readonly LogEntry[], live: readonly LogEntry[], filter: LogFilter, max = MAX_SHOWN_ENTRIES): LogEntry[] {
  const last = shown.length > 0 ? (shown[shown.length - 1] as LogEntry).seq : -1;
  const fresh = live.filter((entry) => entry.seq > last && matchesLogFilter(entry, filter));
  if (fresh.length === 0) return shown as LogEntry[];
  return [...shown, ...fresh].slice(-max);
}

/**
 * `#logs/service=NAME` (the tray's "Open logs" of a service) → the form filtered on that service; null for any other
 * hash. The name is URI-encoded by the tray.
 */
export function logFilterFromHash(hash: string): LogFilterForm | null {
  const match = /^#logs(?:\/service=(.*))?$/.exec(hash);
  if (!match) return null;
  let service = '';
  try {
    service = decodeURIComponent(match[1] ?? '');
  } catch {
    // A malformed escape: show the unfiltered log rather than nothing.
  }
  return { ...emptyLogFilter, service };
}
