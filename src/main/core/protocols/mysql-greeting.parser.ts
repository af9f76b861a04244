import { decodeText } from './bytes.ts';

/** What the first packet of a MySQL/MariaDB server says. */
export type MysqlGreeting =
  | {
      kind: 'handshake';
      /** 10 for every server since 3.21; 9 for older ones. */
      protocolVersion: number;
      /** e.g. `8.0.32`, `5.5.5-10.11.6-MariaDB-0+deb12u1`. */
      serverVersion: string;
      flavor: 'mysql' | 'mariadb';
      connectionId?: number;
      /** e.g. `caching_sha2_password`, when the server names it. */
      authPlugin?: string;
      /** CLIENT_SSL capability: the server accepts TLS. */
      ssl?: boolean;
    }
  /** The server refused before the handshake (1040 too many connections, 1130 host not allowed…). */
  | { kind: 'error'; errorCode: number; message: string }
  | { kind: 'incomplete' }
  | { kind: 'not-mysql' };

/** A greeting is small; MySQL's whole packet limit (16 MiB) would only mean we misread something else. */
const MAX_GREETING = 4096;
const CLIENT_SSL = 0x0800;

/**
 * True when `bytes` hold a whole first packet (per its 3-byte length), or enough to know they never will:
 * the `complete` predicate of a wire exchange waiting for the greeting.
 */
export function mysqlGreetingComplete(bytes: Uint8Array): boolean {
  return parseMysqlGreeting(bytes).kind !== 'incomplete';
}

/**
 * Parses a server's initial packet: 3-byte little-endian payload length, sequence id 0, then a HandshakeV10
 * (protocol version byte, NUL-terminated version string, 4-byte connection id, scramble, capabilities…) or an
 * ERR packet (0xff, 2-byte error code, optional `#` + SQL state, message).
 */
export function parseMysqlGreeting(bytes: Uint8Array): MysqlGreeting {
  if (bytes.length < 4) return { kind: 'incomplete' };
  const length = (bytes[0] ?? 0) | ((bytes[1] ?? 0) << 8) | ((bytes[2] ?? 0) << 16);
  if (bytes[3] !== 0 || length < 2 || length > MAX_GREETING) return { kind: 'not-mysql' };
  if (bytes.length >= 5 && !isKnownFirstByte(bytes[4])) return { kind: 'not-mysql' };
  if (bytes.length < 4 + length) return { kind: 'incomplete' };
  const payload = bytes.subarray(4, 4 + length);
  return payload[0] === 0xff ? parseError(payload) : parseHandshake(payload);
}

function parseHandshake(p: Uint8Array): MysqlGreeting {
  const end = p.indexOf(0, 1);
  if (end < 0) return { kind: 'not-mysql' };
  const serverVersion = decodeText(p, 1, end);
  if (!/^\d+\.\d+/.test(serverVersion)) return { kind: 'not-mysql' };
  const view = new DataView(p.buffer, p.byteOffset, p.byteLength);
  const greeting: MysqlGreeting = {
    kind: 'handshake',
    protocolVersion: p[0] ?? 0,
    serverVersion,
    flavor: /mariadb/i.test(serverVersion) ? 'mariadb' : 'mysql',
  };
  let at = end + 1;
  if (p.length >= at + 4) greeting.connectionId = view.getUint32(at, true);
  at += 4 + 8 + 1; // connection id, scramble part 1, filler
  if (p.length >= at + 2) greeting.ssl = (view.getUint16(at, true) & CLIENT_SSL) !== 0;
  // capabilities (2), charset (1), status (2), capabilities upper (2), scramble length (1), reserved (10)
  const scrambleLength = p[at + 7] ?? 0;
  at += 2 + 1 + 2 + 2 + 1 + 10;
  at += Math.max(13, scrambleLength - 8);
  const pluginEnd = p.indexOf(0, at);
  if (at < p.length && pluginEnd > at) greeting.authPlugin = decodeText(p, at, pluginEnd);
  return greeting;
}

function parseError(p: Uint8Array): MysqlGreeting {
  if (p.length < 3) return { kind: 'not-mysql' };
  const errorCode = (p[1] ?? 0) | ((p[2] ?? 0) << 8);
  const text = p[3] === 0x23 ? decodeText(p, 9) : decodeText(p, 3); // '#' + 5-char SQL state
  return { kind: 'error', errorCode, message: text.trim() };
}

/** Protocol 10 (or 9) handshake, or an ERR packet. */
function isKnownFirstByte(b: number | undefined): boolean {
  return b === 10 || b === 9 || b === 0xff;
}
