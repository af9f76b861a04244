import { decodeText, startsWithAscii } from './bytes.ts';

/** The AMQP 0-9-1 protocol header a client opens with: `AMQP` 0 0 9 1. */
export const AMQP_091_HEADER = Uint8Array.of(0x41, 0x4d, 0x51, 0x50, 0, 0, 9, 1);

/** What an AMQP server answers the protocol header with. */
export type AmqpAnswer =
  /** `connection.start` (frame type 1, channel 0, class 10 method 10): the server speaks our version. */
  | {
      kind: 'start';
      versionMajor: number;
      versionMinor: number;
      product?: string;
      version?: string;
      platform?: string;
      mechanisms?: string;
    }
  /** A protocol header back: the server speaks AMQP, a different version (e.g. `0-10`, `1.0.0` for AMQP 1.0). */
  | { kind: 'header'; protocolId: number; version: string }
  | { kind: 'incomplete' }
  | { kind: 'not-amqp' };

const FRAME_METHOD = 1;
const FRAME_END = 0xce;
/** A connection.start is a few hundred bytes; RabbitMQ's frame_max floor is 4096. */
const MAX_FRAME = 131_072;

/** True when the answer is whole (or clearly not AMQP): the `complete` predicate of the exchange. */
export function amqpAnswerComplete(bytes: Uint8Array): boolean {
  return parseAmqpAnswer(bytes).kind !== 'incomplete';
}

/**
 * Parses the server's answer to {@link AMQP_091_HEADER}: a method frame (type 1, channel 2 bytes, size 4 bytes,
 * payload, 0xCE) holding connection.start (version, server-properties table, mechanisms, locales), or an
 * 8-byte protocol header naming the version the server wants.
 */
export function parseAmqpAnswer(bytes: Uint8Array): AmqpAnswer {
  if (bytes.length === 0) return { kind: 'incomplete' };
  if (bytes[0] === 0x41) return parseHeader(bytes);
  if (bytes[0] !== FRAME_METHOD) return { kind: 'not-amqp' };
  if (bytes.length < 7) return { kind: 'incomplete' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = view.getUint32(3);
  if (view.getUint16(1) !== 0 || size < 4 || size > MAX_FRAME) return { kind: 'not-amqp' };
  if (bytes.length < 7 + size + 1) return { kind: 'incomplete' };
  if (bytes[7 + size] !== FRAME_END || view.getUint16(7) !== 10 || view.getUint16(9) !== 10) return { kind: 'not-amqp' };
  return parseStart(bytes.subarray(7, 7 + size));
}

function parseHeader(bytes: Uint8Array): AmqpAnswer {
  if (!startsWithAscii(bytes, 'AMQP'.slice(0, Math.min(4, bytes.length)))) return { kind: 'not-amqp' };
  if (bytes.length < 8) return { kind: 'incomplete' };
  const [id = 0, a = 0, b = 0, c = 0] = bytes.subarray(4, 8);
  // 0-9-1 sends "AMQP" 0 0 9 1; 0-8 and 0-10 sent "AMQP" 1 1 major minor; 1.0 sends "AMQP" id 1 0 0 (id 0 plain, 2 TLS, 3 SASL).
  const version = id === 1 && a === 1 ? `${b}-${c}` : a === 0 ? `${a}-${b}-${c}` : `${a}.${b}.${c}`;
  return { kind: 'header', protocolId: id, version };
}

function parseStart(p: Uint8Array): AmqpAnswer {
  const view = new DataView(p.buffer, p.byteOffset, p.byteLength);
  const start: Extract<AmqpAnswer, { kind: 'start' }> = { kind: 'start', versionMajor: p[4] ?? 0, versionMinor: p[5] ?? 0 };
  if (p.length < 10) return start;
  const tableEnd = 10 + view.getUint32(6);
  if (tableEnd > p.length) return start;
  const props = readTable(p, 10, tableEnd);
  for (const key of ['product', 'version', 'platform'] as const) if (props[key] !== undefined) start[key] = props[key];
  if (tableEnd + 4 <= p.length) {
    const length = view.getUint32(tableEnd);
    if (tableEnd + 4 + length <= p.length) start.mechanisms = decodeText(p, tableEnd + 4, tableEnd + 4 + length);
  }
  return start;
}

/** Fixed sizes of the field-value types (AMQP 0-9-1 plus RabbitMQ's), by type byte. */
const FIXED: Record<string, number> = { t: 1, b: 1, B: 1, s: 2, u: 2, I: 4, i: 4, f: 4, l: 8, L: 8, d: 8, D: 5, T: 8, V: 0 };

/**
 * The long-string values of a field table (shortstr name, type byte, value). Other values are skipped by their
 * size; the read stops at the first type it cannot size, keeping what it has.
 */
function readTable(p: Uint8Array, from: number, end: number): Record<string, string> {
  const view = new DataView(p.buffer, p.byteOffset, p.byteLength);
  const out: Record<string, string> = {};
  let at = from;
  while (at < end) {
    const nameLength = p[at] ?? 0;
    const name = decodeText(p, at + 1, at + 1 + nameLength);
    at += 1 + nameLength;
    const type = String.fromCharCode(p[at] ?? 0);
    at += 1;
    const fixed = FIXED[type];
    if (fixed !== undefined) {
      at += fixed;
    } else if (type === 'S' || type === 'x' || type === 'F' || type === 'A') {
      if (at + 4 > end) break;
      const length = view.getUint32(at);
      if (type === 'S') out[name] = decodeText(p, at + 4, Math.min(end, at + 4 + length));
      at += 4 + length;
    } else {
      break;
    }
  }
  return out;
}
