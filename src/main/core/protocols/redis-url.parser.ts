import type { ProbeError } from '../../../shared/model/index.ts';
import { Secret } from './secret.ts';

/** Where a Redis is and how to log in; the password is a {@link Secret}, so printing this object is safe. */
export interface RedisEndpoint {
  host: string;
  /** Default 6379. */
  port: number;
  /** Logical database for `SELECT`, default 0. */
  db: number;
  /** ACL user (Redis 6+), when the URL names one. */
  username?: string;
  password?: Secret;
  /** The URL with the password replaced by `***`: the only form shown to people. */
  display: string;
}

export type RedisUrlParse = { ok: true; endpoint: RedisEndpoint } | { ok: false; error: ProbeError };

/**
 * Parses `redis://[[user]:password@]host[:port][/db]` (also `?db=N`). User and password are percent-decoded.
 * `rediss://` (TLS) and unix sockets are refused as `UNSUPPORTED_REDIS_URL`. Error messages never contain the
 * password: they show the redacted URL or nothing of it.
 */
export function parseRedisUrl(text: string): RedisUrlParse {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return invalid('INVALID_REDIS_URL', 'Not a URL; expected redis://[[user]:password@]host[:port][/db]');
  }
  const display = redact(url);
  if (url.protocol === 'rediss:' || url.protocol === 'unix:' || url.protocol === 'redis+unix:') {
    return invalid('UNSUPPORTED_REDIS_URL', `${display}: only plain redis:// over TCP is supported`);
  }
  if (url.protocol !== 'redis:') return invalid('INVALID_REDIS_URL', `${display}: expected the redis:// scheme`);
  if (!url.hostname) return invalid('INVALID_REDIS_URL', `${display}: no host`);
  const dbText = url.pathname.replace(/^\/+/, '') || url.searchParams.get('db') || '0';
  if (!/^\d{1,5}$/.test(dbText)) return invalid('INVALID_REDIS_URL', `${display}: database must be a number, got "${dbText}"`);
  const endpoint: RedisEndpoint = {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : 6379,
    db: Number(dbText),
    display,
  };
  const username = decode(url.username);
  const password = decode(url.password);
  if (username && username !== 'default') endpoint.username = username;
  if (password) endpoint.password = new Secret(password);
  return { ok: true, endpoint };
}

function redact(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password) copy.password = '***';
  return copy.href.replace(/\/$/, '');
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function invalid(code: string, message: string): RedisUrlParse {
  return { ok: false, error: { code, message } };
}
