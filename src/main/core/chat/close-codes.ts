/** RFC 6455 §7.4.1 and the IANA registry: the close codes a user can meet, by their plain names. */
const CLOSE_CODE_NAMES: Readonly<Record<number, string>> = {
  1000: 'normal closure',
  1001: 'going away',
  1002: 'protocol error',
  1003: 'unsupported data',
  1005: 'no status received',
  1006: 'abnormal closure',
  1007: 'invalid frame payload data',
  1008: 'policy violation',
  1009: 'message too big',
  1010: 'mandatory extension',
  1011: 'internal error',
  1012: 'service restart',
  1013: 'try again later',
  1014: 'bad gateway',
  1015: 'TLS handshake failure',
};

/** What each named close code usually means for a chat client, as the hint of a WS_CLOSED error. */
const CLOSE_CODE_HINTS: Readonly<Record<number, string>> = {
  1000: 'The server ended the conversation before sending "complete": check its logs for why it stopped early.',
  1001: 'The server is shutting down or restarting: wait until its health check is green and send again.',
  1002: 'Client and server disagree on the WebSocket protocol: check proxies between them.',
  1003: 'The server refused the kind of data sent: check that the chat path expects JSON text frames.',
  1005: 'The server closed without a reason: check its logs.',
  1006: 'The connection dropped without a close frame (crash, restart, proxy or network cut): check that the server process is still running and its logs.',
  1007: 'The server could not decode a frame: check the message encoding (UTF-8 JSON).',
  1008: 'The server refused the conversation by policy (auth, origin, rate limit): check its configuration.',
  1009: 'A frame was too large for the server: send a shorter message or raise its limit.',
  1010: 'The server requires a WebSocket extension the client did not offer.',
  1011: 'The server hit an internal error while answering: its logs hold the traceback.',
  1012: 'The server is restarting: send again in a moment.',
  1013: 'The server is overloaded or not ready: send again later.',
  1014: 'A gateway in front of the server got a bad answer from it: check the upstream service.',
  1015: 'The TLS handshake failed: check certificates and the wss:// URL.',
};

/**
 * The plain name of a WebSocket close code: `1006` → `abnormal closure`. Unnamed codes are named by their
 * range: 3000–3999 registered by libraries/frameworks, 4000–4999 private to the application.
 */
export function closeCodeName(code: number): string {
  const named = CLOSE_CODE_NAMES[code];
  if (named) return named;
  if (code >= 3000 && code <= 3999) return 'registered (library-defined)';
  if (code >= 4000 && code <= 4999) return 'application-defined';
  return 'unknown';
}

/** The hint for a WS_CLOSED error with this code. */
export function closeCodeHint(code: number): string {
  return (
    CLOSE_CODE_HINTS[code] ??
    (code >= 4000 && code <= 4999
      ? 'The application closed with its own code: look it up in the server code or logs.'
      : 'The server closed the conversation before it completed: check its logs.')
  );
}

/** Every code with a name, for tests and documentation. */
export const NAMED_CLOSE_CODES: readonly number[] = Object.keys(CLOSE_CODE_NAMES).map(Number);
