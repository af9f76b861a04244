import type { ProbeError } from '../../../shared/model/index.ts';
import type { ProtocolProbeResult, WireExchangePort } from '../ports/wire-exchange.port.ts';
import { decodeText } from './bytes.ts';
import { exchangeWithinBudget, judged, mismatch, targetName, type ProtocolExchangeOptions, type ProtocolTarget } from './wire-result.ts';

/**
 * PostgreSQL's SSLRequest: Int32 length 8, Int32 code 80877103 (1234 << 16 | 5679). Every PostgreSQL since 7.2
 * answers it with one byte before any authentication, so it proves the server without credentials or a
 * database name, and closing right after is not logged by the server.
 */
export const SSL_REQUEST = Uint8Array.of(0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f);

/**
 * PostgreSQL by protocol: sends the SSLRequest and expects `S` (TLS offered) or `N` (plain only), either meaning
 * PostgreSQL is up. An `E` ErrorResponse (a server refusing early, e.g. too many connections during startup)
 * is `POSTGRES_ERROR`, alive. Never rejects. detail: `{ protocol: 'postgres', alive, ssl?, connectMs, address }`.
 */
export async function exchangePostgres(
  wire: WireExchangePort,
  target: ProtocolTarget,
  options: ProtocolExchangeOptions = {},
): Promise<ProtocolProbeResult> {
  const { outcome, failed } = await exchangeWithinBudget(wire, 'postgres', target, options, {
    send: SSL_REQUEST,
    complete: postgresReplyComplete,
    expected: 'an answer to the SSLRequest',
  });
  if (failed) return failed;
  return judged('postgres', target, outcome, classifyPostgresReply(targetName(target), outcome.bytes));
}

/** `S`/`N` are whole at one byte; an `E` message is whole at its Int32 length (or 64 KiB, whichever first). */
export function postgresReplyComplete(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  if (bytes[0] !== 0x45) return true;
  if (bytes.length < 5) return false;
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getInt32(1);
  return bytes.length >= 1 + length || length < 4 || length > 65_536;
}

/** Judges the answer to an SSLRequest (pure; unit-tested with recorded replies). */
export function classifyPostgresReply(
  name: string,
  bytes: Uint8Array,
): { ok: boolean; error?: ProbeError; detail: Record<string, unknown> } {
  const first = bytes[0];
  if (bytes.length === 1 && (first === 0x53 || first === 0x4e)) {
    return { ok: true, detail: { protocol: 'postgres', alive: true, ssl: first === 0x53 } };
  }
  if (first === 0x45 && postgresReplyComplete(bytes)) {
    const message = errorFields(bytes);
    return {
      ok: false,
      error: { code: 'POSTGRES_ERROR', message: `PostgreSQL at ${name} refused: ${message}` },
      detail: { protocol: 'postgres', alive: true },
    };
  }
  return { ok: false, error: mismatch(name, 'PostgreSQL', bytes), detail: { protocol: 'unknown', alive: false } };
}

/**
 * The `M` (message) field of an ErrorResponse, or its whole text for a pre-3.0 server that sends a bare string.
 * Fields are a type byte and a NUL-terminated string each, ended by a NUL.
 */
function errorFields(bytes: Uint8Array): string {
  const fields = new Map<string, string>();
  let at = 5;
  while (at < bytes.length && bytes[at] !== 0) {
    const type = String.fromCharCode(bytes[at] ?? 0);
    const end = bytes.indexOf(0, at + 1);
    if (end < 0) break;
    fields.set(type, decodeText(bytes, at + 1, end));
    at = end + 1;
  }
  return fields.get('M') ?? decodeText(bytes, 1).replace(/\0/g, ' ').trim();
}
