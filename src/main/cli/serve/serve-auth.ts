import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

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

/** Cookies are not port-scoped: the port in the name keeps two servers on 127.0.0.1 from clobbering each other. */
export function tokenCookieName(port: number): string {
  return `stack_doctor_token_${port}`;
}

export function tokenCookie(port: number, token: string): string {
  return `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Where a request's token came from, or null when it carries no valid one. */
export function requestToken(req: IncomingMessage, url: URL, port: number, expected: string): 'query' | 'cookie' | null {
  const query = url.searchParams.get('token');
  if (query !== null && tokensEqual(query, expected)) return 'query';
  const cookie = cookieValue(req.headers.cookie, tokenCookieName(port));
  if (cookie !== undefined && tokensEqual(cookie, expected)) return 'cookie';
  return null;
}

const wildcardHosts = new Set(['0.0.0.0', '::', '']);

/**
 * The `Host` values this server answers to: loopback names (and the bound host) with the bound port.
 * Anything else is a DNS-rebinding attempt. Null when bound to a wildcard address (any Host; the token
 * still guards every request).
 */
export function allowedHosts(boundHost: string, port: number): Set<string> | null {
  if (wildcardHosts.has(boundHost)) return null;
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  names.add(boundHost.includes(':') && !boundHost.startsWith('[') ? `[${boundHost}]` : boundHost);
  return new Set([...names].map((name) => `${name}:${port}`));
}

export type RequestCheck = { ok: true } | { ok: false; status: 401 | 403; message: string };

/** Host, then Origin (both 403), then token (401): the checks shared by HTTP and the WebSocket upgrade. */
export function checkRequest(req: IncomingMessage, url: URL, hosts: Set<string> | null, port: number, token: string): RequestCheck {
  const host = (req.headers.host ?? '').toLowerCase();
  if (hosts && !hosts.has(host)) return { ok: false, status: 403, message: 'Forbidden: unexpected Host header.' };
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const ownOrigin = hosts ? [...hosts].some((h) => origin.toLowerCase() === `http://${h}`) : origin.toLowerCase() === `http://${host}`;
    if (!ownOrigin) return { ok: false, status: 403, message: 'Forbidden: foreign Origin.' };
  }
  if (!requestToken(req, url, port, token)) {
    return { ok: false, status: 401, message: 'Unauthorized: open the URL stack-doctor serve printed (it carries the token).' };
  }
  return { ok: true };
}
