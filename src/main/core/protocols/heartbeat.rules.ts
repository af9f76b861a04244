import { heartbeatPayloadSchema, type HeartbeatVerdict } from '../../../shared/model/index.ts';
import type { StoredEntry } from '../ports/heartbeat.port.ts';
import { compareNames } from '../../../shared/compare-names.ts';

/** Prefix of every heartbeat key: `service:heartbeat:{serviceId}:{appId}`. */
export const HEARTBEAT_PREFIX = 'service:heartbeat:';

/** Heartbeats older than this are unavailable, ms: the TTL the writers set (90 s). */
export const DEFAULT_HEARTBEAT_MAX_AGE_MS = 90_000;

/** A timestamp this far ahead of our clock still counts as now, ms: containers share the host's clock, roughly. */
export const DEFAULT_CLOCK_SKEW_MS = 5_000;

export interface HeartbeatRules {
  /** Default {@link DEFAULT_HEARTBEAT_MAX_AGE_MS} (90000). */
  maxAgeMs?: number;
  /** Default {@link DEFAULT_CLOCK_SKEW_MS} (5000). */
  clockSkewMs?: number;
}

export interface HeartbeatQuery extends HeartbeatRules {
  /** Only keys of this app; every app when absent. */
  appId?: string;
  /** Services expected to beat: one without a key is `missing`, unavailable. */
  serviceIds?: readonly string[];
}

/** The Redis MATCH pattern for the query: the app id is escaped, so `*`, `?`, `[` in it match literally. */
export function heartbeatPattern(appId?: string): string {
  return `${HEARTBEAT_PREFIX}*:${appId === undefined ? '*' : escapeGlob(appId)}`;
}

/**
 * Splits a heartbeat key into service and app. With a known app id the suffix is matched exactly (a service id
 * may then contain `:`); without one the app id is the part after the last `:`. `undefined` for other keys.
 */
export function parseHeartbeatKey(key: string, appId?: string): { serviceId: string; appId: string } | undefined {
  if (!key.startsWith(HEARTBEAT_PREFIX)) return undefined;
  const rest = key.slice(HEARTBEAT_PREFIX.length);
  if (appId !== undefined) {
    const suffix = `:${appId}`;
    return rest.endsWith(suffix) && rest.length > suffix.length ? { serviceId: rest.slice(0, -suffix.length), appId } : undefined;
  }
  const cut = rest.lastIndexOf(':');
  return cut > 0 && cut < rest.length - 1 ? { serviceId: rest.slice(0, cut), appId: rest.slice(cut + 1) } : undefined;
}

/**
 * Epoch ms of a heartbeat timestamp: ISO 8601 (a date-time without offset is UTC, as Python's naive
 * `isoformat()` writes it), or epoch seconds (below 1e11) / milliseconds as a number or numeric string.
 */
export function timestampMs(value: string | number): number | undefined {
  if (typeof value === 'number' || /^\d+(\.\d+)?$/.test(value.trim())) {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) return undefined;
    return n < 1e11 ? n * 1000 : n;
  }
  const text = value.trim();
  const zoned = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text) ? `${text}Z` : text;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Judges each heartbeat at `now` (wall clock): fresh → available (leave-alone when `shutting_down`), older than
 * `maxAgeMs` or unreadable → unavailable, and every expected service without a key → missing, unavailable.
 * Keys of other apps are ignored. Sorted by service id, then app id.
 */
export function judgeHeartbeats(entries: readonly StoredEntry[], now: Date, query: HeartbeatQuery = {}): HeartbeatVerdict[] {
  const verdicts = new Map<string, HeartbeatVerdict>();
  for (const entry of entries) {
    const ids = parseHeartbeatKey(entry.key, query.appId);
    if (!ids) continue;
    verdicts.set(entry.key, judgeOne(entry, ids, now.getTime(), query));
  }
  const seen = new Set([...verdicts.values()].map((v) => v.serviceId));
  for (const serviceId of query.serviceIds ?? []) {
    if (seen.has(serviceId)) continue;
    const appId = query.appId ?? '*';
    const key = `${HEARTBEAT_PREFIX}${serviceId}:${appId}`;
    verdicts.set(key, missing(key, { serviceId, appId }));
  }
  return [...verdicts.values()].sort((a, b) => compareNames(a.serviceId, b.serviceId) || compareNames(a.appId, b.appId));
}

function judgeOne(entry: StoredEntry, ids: { serviceId: string; appId: string }, nowMs: number, rules: HeartbeatRules): HeartbeatVerdict {
  const base = { ...ids, key: entry.key };
  if (entry.value === null) return missing(entry.key, ids);
  const parsed = heartbeatPayloadSchema.safeParse(safeJson(entry.value));
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') || 'value';
    return { ...base, availability: 'unavailable', reason: 'invalid', message: `Heartbeat of ${ids.serviceId} is not valid (${field})` };
  }
  const { status, capacity } = parsed.data;
  const at = timestampMs(parsed.data.timestamp);
  const said = { status, ...(capacity !== undefined ? { capacity } : {}) };
  if (at === undefined) {
    return {
      ...base,
      ...said,
      availability: 'unavailable',
      reason: 'invalid',
      message: `Heartbeat of ${ids.serviceId} has no readable timestamp`,
    };
  }
  const ahead = at - nowMs;
  if (ahead > (rules.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS)) {
    const message = `Heartbeat of ${ids.serviceId} is dated ${Math.round(ahead / 1000)} s in the future`;
    return { ...base, ...said, availability: 'unavailable', reason: 'invalid', timestamp: new Date(at).toISOString(), message };
  }
  const ageMs = Math.max(0, -ahead);
  const dated = { ...base, ...said, ageMs, timestamp: new Date(at).toISOString() };
  const maxAgeMs = rules.maxAgeMs ?? DEFAULT_HEARTBEAT_MAX_AGE_MS;
  if (ageMs > maxAgeMs) {
    return {
      ...dated,
      availability: 'unavailable',
      reason: 'stale',
      message: `Last heartbeat of ${ids.serviceId} is ${seconds(ageMs)} old (limit ${seconds(maxAgeMs)})`,
    };
  }
  if (status === 'shutting_down') {
    return { ...dated, availability: 'leave-alone', reason: 'shutting-down', message: `${ids.serviceId} is shutting down: leave it alone` };
  }
  return { ...dated, availability: 'available', reason: 'fresh', message: `${ids.serviceId} is ${status} (${seconds(ageMs)} ago)` };
}

function missing(key: string, ids: { serviceId: string; appId: string }): HeartbeatVerdict {
  return {
    ...ids,
    key,
    availability: 'unavailable',
    reason: 'missing',
    message: `No heartbeat from ${ids.serviceId} (expired or never written)`,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
