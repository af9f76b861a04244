const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');
const encoder = new TextEncoder();

/** UTF-8 bytes of `text`. */
export function encodeText(text: string): Uint8Array {
  return encoder.encode(text);
}

/** `bytes[start, end)` as UTF-8 text (invalid sequences become U+FFFD). */
export function decodeText(bytes: Uint8Array, start = 0, end = bytes.length): string {
  return utf8.decode(bytes.subarray(start, end));
}

/** Index of the first `\r\n` at or after `from`, or -1. */
export function indexOfCrlf(bytes: Uint8Array, from = 0): number {
  for (let i = from; i + 1 < bytes.length; i++) if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) return i;
  return -1;
}

/** True when `bytes` begins with the ASCII `prefix`. */
export function startsWithAscii(bytes: Uint8Array, prefix: string): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix.charCodeAt(i)) return false;
  return true;
}

/**
 * A short printable preview of what a peer sent, for messages: control bytes become `.`, at most `max` chars.
 * Bytes come from the server probed, never from Stack Doctor's configuration, so no secret can be in them.
 */
export function preview(bytes: Uint8Array, max = 40): string {
  const text = latin1.decode(bytes.subarray(0, max)).replace(/[^\x20-\x7e]/g, '.');
  return bytes.length > max ? `${text}…` : text;
}

/** Concatenates chunks into one array. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
