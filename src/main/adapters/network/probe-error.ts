import type { ProbeError } from '../../../shared/model/index.ts';
import { errorMessage } from '../../../shared/error-message.ts';

/** OpenSSL/Node codes that mean the TLS layer, not the network, refused the connection. */
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_(GET|VERIFY)_|EPROTO$|HOSTNAME_MISMATCH)/;

/** Plain-language messages in the style of the C library's, so a user recognises them. */
const PLAIN: Record<string, string> = {
  ENOTFOUND: 'Name or service not known',
  EAI_AGAIN: 'Temporary failure in name resolution',
  ECONNREFUSED: 'Connection refused',
  ECONNRESET: 'Connection reset by peer',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
  EPIPE: 'Broken pipe',
};

/** `TIMEOUT`, with the budget that ran out in the message. */
export function timeoutError(what: string, timeoutMs: number): ProbeError {
  return { code: 'TIMEOUT', message: `${what} did not complete within ${timeoutMs} ms` };
}

/**
 * Maps a Node socket/resolver/TLS error to a stable probe error code. `subject` (a host or `host:port`)
 * is appended to the message so it reads like `Name or service not known (orchestrator-service)`.
 */
export function toProbeError(err: unknown, subject: string): ProbeError {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  const raw = errorMessage(err);
  if (code === 'ETIMEDOUT') return { code: 'TIMEOUT', message: `Connection timed out (${subject})` };
  if (TLS_CODE.test(code)) return { code: 'TLS_ERROR', message: `TLS error ${code}: ${raw}` };
  const plain = PLAIN[code];
  if (plain) return { code, message: `${plain} (${subject})` };
  // ENODATA/ESERVFAIL etc. from the resolver, or anything else: keep Node's own code when it has one.
  return { code: code || 'ERROR', message: raw || 'Unknown error' };
}

/** Milliseconds since `start` (from `performance.now()`), rounded to 0.1 ms. */
export function elapsed(start: number): number {
  return Math.max(0, Math.round((performance.now() - start) * 10) / 10);
}
