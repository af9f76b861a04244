import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { parseCookie, stringifySetCookie } from 'cookie';

/** A fresh per-run token: 24 random bytes, base64url (32 characters). */
export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time comparison; hashing first makes lengths equal, so a length mismatch leaks nothing either. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** `token=…` in a URL, however it is spelled, as it must never reach a log. */
const TOKEN_IN_URL = /([?&;]token=)[^&#\s]*/gi;

/** The URL with every `token=` value replaced by `***`: the only form of a request URL serve logs. */
export function redactToken(url: string): string {
  return url.replace(TOKEN_IN_URL, '$1***');
}

/**
 * The browser session of one serve server. Cookies ignore ports, so every other server on 127.0.0.1 the
 * browser visits receives this cookie: it therefore never carries the token. Its value is an HMAC of the
 * port under a secret drawn when the server starts, so it opens only this server, only until it stops,
 * and tells its receivers nothing about the token or about any other serve run (see SECURITY.md).
 */
export class SessionCookie {
  readonly name: string;
  private readonly value: string;

  constructor(port: number, secret: Buffer = randomBytes(32)) {
    this.name = `stack_doctor_session_${port}`;
    this.value = createHmac('sha256', secret).update(`stack-doctor-serve:${port}`).digest('base64url');
  }

  /** The `Set-Cookie` header value sent with the page: script-proof, same-site only. */
  header(): string {
    return stringifySetCookie({ name: this.name, value: this.value, httpOnly: true, sameSite: 'strict', path: '/' });
  }

  /** Whether the request's `Cookie` header carries this session. */
  matches(cookieHeader: string | undefined): boolean {
    if (!cookieHeader) return false;
    const given = parseCookie(cookieHeader)[this.name];
    return given !== undefined && tokensEqual(given, this.value);
  }
}

/** Where a request's credential came from, or null when it carries no valid one. */
export function requestToken(req: IncomingMessage, url: URL, session: SessionCookie, expected: string): 'query' | 'cookie' | null {
  const query = url.searchParams.get('token');
  if (query !== null && tokensEqual(query, expected)) return 'query';
  if (session.matches(req.headers.cookie)) return 'cookie';
  return null;
}

const wildcardHosts = new Set(['0.0.0.0', '::', '']);

/**
 * The `Host` values this server answers to: loopback names (and the bound host) with the bound port.
 * Anything else is a DNS-rebinding attempt. Null when bound to a wildcard address, which only
 * `--allow-remote` permits (any Host; the token still guards every request).
 */
export function allowedHosts(boundHost: string, port: number): Set<string> | null {
  if (wildcardHosts.has(boundHost)) return null;
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  names.add(boundHost.includes(':') && !boundHost.startsWith('[') ? `[${boundHost}]` : boundHost);
  return new Set([...names].map((name) => `${name}:${port}`));
}

export type RequestCheck = { ok: true } | { ok: false; status: 401 | 403; message: string };

/** Host, then Origin (both 403), then token (401): the checks shared by HTTP and the WebSocket upgrade. */
export function checkRequest(
  req: IncomingMessage,
  url: URL,
  hosts: Set<string> | null,
  session: SessionCookie,
  token: string,
): RequestCheck {
  const host = (req.headers.host ?? '').toLowerCase();
  if (hosts && !hosts.has(host)) return { ok: false, status: 403, message: 'Forbidden: unexpected Host header.' };
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const ownOrigin = hosts ? [...hosts].some((h) => origin.toLowerCase() === `http://${h}`) : origin.toLowerCase() === `http://${host}`;
    if (!ownOrigin) return { ok: false, status: 403, message: 'Forbidden: foreign Origin.' };
  }
  if (!requestToken(req, url, session, token)) {
    return { ok: false, status: 401, message: 'Unauthorized: open the URL stack-doctor serve printed (it carries the token).' };
  }
  return { ok: true };
}
