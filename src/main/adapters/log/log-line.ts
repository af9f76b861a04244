import { LOG_LEVELS, type LogEntry, type LogLevel } from '../../../shared/model/index.ts';
import { redactText } from '../../../shared/redact.ts';

const LEVEL_BY_NUMBER = new Map<number, LogLevel>(Object.entries(LOG_LEVELS).map(([name, n]) => [n, name as LogLevel]));

/** pino's own fields: shown as the entry's columns, not repeated in `fields`. */
const OWN_FIELDS = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'name', 'v']);

/**
 * One JSON line of the log as a LogEntry, or null for a line that is not one of ours (a partial last line, a
 * stray text line). The line is redacted again before it is parsed: the logger already did, and a log file
 * copied from an older version may not have been.
 */
export function parseLogLine(line: string, seq: number): LogEntry | null {
  let value: unknown;
  try {
    value = JSON.parse(redactText(line));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  const level = typeof record.level === 'number' ? LEVEL_BY_NUMBER.get(record.level) : undefined;
  if (!level) return null;
  const time = typeof record.time === 'number' ? new Date(record.time).toISOString() : typeof record.time === 'string' ? record.time : '';
  const fields: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(record)) if (!OWN_FIELDS.has(key)) fields[key] = field;
  return {
    seq,
    time,
    level,
    msg: typeof record.msg === 'string' ? record.msg : '',
    correlationId: typeof record.correlationId === 'string' ? record.correlationId : null,
    service: textField(record.service) ?? textField(record.component),
    fields,
  };
}

function textField(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
