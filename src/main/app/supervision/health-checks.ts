import type { ComponentCheck } from '../../../shared/model/index.ts';
import { redactText } from '../../../shared/redact.ts';

/** Components kept per service: a health body is the service's to shape, the status must stay small. */
const MAX_COMPONENTS = 50;
const MAX_TEXT = 200;

/**
 * The `checks` of a health body as a list of components, whatever its shape: a map of component → word
 * (`{"redis": "ok"}`), → boolean, → object with `status` (or `state`, or `healthy`) and a message (`message`,
 * `error`, `detail`, `output`), or an array of objects with a `name`. Texts are trimmed and redacted (a component's
 * message may quote a connection string).
 */
export function componentChecks(checks: unknown): ComponentCheck[] {
  const entries: [string, unknown][] = Array.isArray(checks)
    ? checks.map((value, i) => [nameOf(value) ?? String(i), value])
    : typeof checks === 'object' && checks !== null
      ? Object.entries(checks)
      : [];
  return entries.slice(0, MAX_COMPONENTS).map(([component, value]) => {
    const detail = detailOf(value);
    return { component: clip(component), status: clip(statusOf(value)), ...(detail ? { detail } : {}) };
  });
}

function statusOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'healthy' : 'unhealthy';
  if (typeof value !== 'object' || value === null) return 'unknown';
  const record = value as Record<string, unknown>;
  for (const key of ['status', 'state']) if (typeof record[key] === 'string') return record[key];
  if (typeof record['healthy'] === 'boolean') return record['healthy'] ? 'healthy' : 'unhealthy';
  if (typeof record['ok'] === 'boolean') return record['ok'] ? 'healthy' : 'unhealthy';
  return 'unknown';
}

function detailOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  for (const key of ['message', 'error', 'detail', 'output'])
    if (typeof record[key] === 'string' && record[key]) return clip(redactText(record[key]));
  return undefined;
}

function nameOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const name = (value as Record<string, unknown>)['name'] ?? (value as Record<string, unknown>)['component'];
  return typeof name === 'string' ? name : undefined;
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_TEXT ? `${flat.slice(0, MAX_TEXT - 1)}…` : flat;
}
