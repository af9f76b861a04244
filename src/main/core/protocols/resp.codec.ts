import { concatBytes, decodeText, encodeText, indexOfCrlf } from './bytes.ts';

/** A RESP2 reply (Redis serialization protocol). Bulk strings are decoded as UTF-8; `null` is a nil bulk/array. */
export type RespValue =
  | { type: 'simple'; value: string }
  | { type: 'error'; value: string }
  | { type: 'integer'; value: number }
  | { type: 'bulk'; value: string | null }
  | { type: 'array'; value: RespValue[] | null };

/** One step of parsing: a whole reply and where the next begins, not enough bytes yet, or not RESP at all. */
export type RespParse = { kind: 'value'; value: RespValue; next: number } | { kind: 'incomplete' } | { kind: 'malformed'; reason: string };

/** Nesting deeper than this is refused: heartbeats and PING never nest, a hostile peer could. */
const MAX_DEPTH = 8;

/**
 * Encodes a command as a RESP array of bulk strings, the form every Redis accepts. Arguments are sent as data,
 * never as an inline command line, so a key or password cannot inject a second command.
 */
export function encodeCommand(args: readonly string[]): Uint8Array {
  const parts: Uint8Array[] = [encodeText(`*${args.length}\r\n`)];
  for (const arg of args) {
    const bytes = encodeText(arg);
    parts.push(encodeText(`$${bytes.length}\r\n`), bytes, encodeText('\r\n'));
  }
  return concatBytes(parts);
}

/** Parses one reply starting at `offset`. */
export function parseReply(bytes: Uint8Array, offset = 0, depth = 0): RespParse {
  if (offset >= bytes.length) return { kind: 'incomplete' };
  if (depth > MAX_DEPTH) return { kind: 'malformed', reason: 'nested too deep' };
  const eol = indexOfCrlf(bytes, offset + 1);
  if (eol < 0) return lineCouldGrow(bytes, offset) ? { kind: 'incomplete' } : { kind: 'malformed', reason: 'line too long' };
  const line = decodeText(bytes, offset + 1, eol);
  const next = eol + 2;
  switch (bytes[offset]) {
    case 0x2b: // +
      return { kind: 'value', value: { type: 'simple', value: line }, next };
    case 0x2d: // -
      return { kind: 'value', value: { type: 'error', value: line }, next };
    case 0x3a: // :
      return /^-?\d+$/.test(line) ? { kind: 'value', value: { type: 'integer', value: Number(line) }, next } : malformed('integer', line);
    case 0x24: // $
      return parseBulk(bytes, line, next);
    case 0x2a: // *
      return parseArray(bytes, line, next, depth);
    default:
      return { kind: 'malformed', reason: `unknown type byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')}` };
  }
}

/**
 * True when `bytes` from `offset` hold `count` whole replies (or a malformed one, which ends the wait too):
 * the `complete` predicate of a wire exchange expecting that many replies.
 */
export function hasReplies(bytes: Uint8Array, count: number, offset = 0): boolean {
  let at = offset;
  for (let i = 0; i < count; i++) {
    const step = parseReply(bytes, at);
    if (step.kind === 'incomplete') return false;
    if (step.kind === 'malformed') return true;
    at = step.next;
  }
  return true;
}

function parseBulk(bytes: Uint8Array, line: string, start: number): RespParse {
  if (!/^-?\d+$/.test(line)) return malformed('bulk length', line);
  const length = Number(line);
  if (length < 0) return { kind: 'value', value: { type: 'bulk', value: null }, next: start };
  if (bytes.length < start + length + 2) return { kind: 'incomplete' };
  if (bytes[start + length] !== 0x0d || bytes[start + length + 1] !== 0x0a) return malformed('bulk terminator', line);
  return { kind: 'value', value: { type: 'bulk', value: decodeText(bytes, start, start + length) }, next: start + length + 2 };
}

function parseArray(bytes: Uint8Array, line: string, start: number, depth: number): RespParse {
  if (!/^-?\d+$/.test(line)) return malformed('array length', line);
  const count = Number(line);
  if (count < 0) return { kind: 'value', value: { type: 'array', value: null }, next: start };
  const items: RespValue[] = [];
  let at = start;
  for (let i = 0; i < count; i++) {
    const step = parseReply(bytes, at, depth + 1);
    if (step.kind !== 'value') return step;
    items.push(step.value);
    at = step.next;
  }
  return { kind: 'value', value: { type: 'array', value: items }, next: at };
}

/** A header line is short; 64 KiB without a CRLF is not RESP. */
function lineCouldGrow(bytes: Uint8Array, offset: number): boolean {
  return bytes.length - offset < 65_536;
}

function malformed(what: string, line: string): RespParse {
  return { kind: 'malformed', reason: `bad ${what} ${JSON.stringify(line.slice(0, 20))}` };
}
