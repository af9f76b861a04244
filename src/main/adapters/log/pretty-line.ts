const levelNames: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };
/** pino's own bookkeeping fields: not worth repeating on a human line. */
const hidden = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'name', 'v']);

function render(value: unknown): string {
  if (typeof value === 'string') return /\s/.test(value) || value === '' ? JSON.stringify(value) : value;
  return JSON.stringify(value) ?? String(value);
}

/**
 * One pino JSON line → `12:03:04.120 WARN  message key=value …`, for `--verbose` on stderr.
 * A line that is not JSON comes back unchanged.
 */
export function prettyLogLine(line: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.trimEnd();
  }
  const time = typeof record.time === 'number' ? new Date(record.time).toISOString().slice(11, 23) : '';
  const level = levelNames[Number(record.level)] ?? String(record.level);
  const fields = Object.entries(record)
    .filter(([key]) => !hidden.has(key))
    .map(([key, value]) => `${key}=${render(value)}`);
  return [time, level, typeof record.msg === 'string' ? record.msg : '', ...fields].filter((part) => part !== '').join(' ');
}
