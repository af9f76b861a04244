/** Most tokens `stream N` may ask for: enough for any benchmark, bounded so one message cannot exhaust memory. */
export const MAX_STREAM_TOKENS = 1_000_000;

/** Longest `over MS` spread accepted, ms. */
const MAX_SPREAD_MS = 60_000;

/**
 * `stream 10000` (case-insensitive, surrounding spaces allowed) asks for exactly that many assistant tokens;
 * `stream 10000 over 1500ms` spreads them over about that long (WS only), so a test can act mid-stream.
 */
const STREAM_PATTERN = /^\s*stream\s+(\d{1,7})(?:\s+over\s+(\d{1,5})\s*ms)?\s*$/i;

export interface StubAnswer {
  /** The single manager token sent before the assistant's answer (WS only; not part of the answer text). */
  manager: string;
  /** Number of assistant tokens. */
  count: number;
  /** Assistant token `i` (0-based); `text === tokens.join('')`. */
  token(i: number): string;
  /** The full answer: what HTTP answers and what the WS assistant tokens concatenate to. */
  text: string;
  /** WS only: spread the tokens over about this long, ms (`stream N over MS ms`); 0 = as fast as the socket takes them. */
  spreadMs: number;
}

function fromTokens(manager: string, tokens: string[]): StubAnswer {
  return { manager, count: tokens.length, token: (i) => tokens[i] ?? '', text: tokens.join(''), spreadMs: 0 };
}

/** Splits into word tokens that keep their leading whitespace, so joining them gives the text back exactly. */
export function wordTokens(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/**
 * The stub's deterministic answer to a message: same message and journey, same answer, on both transports.
 * `stream N` answers `tok1 tok2 … tokN` as N tokens (made lazily: 1e6 tokens never sit in an array).
 */
export function answerFor(message: string, journey?: string): StubAnswer {
  const route = journey ? `journey ${journey}` : 'default journey';
  const manager = `Routing to the assistant (${route}).`;
  const stream = STREAM_PATTERN.exec(message);
  if (stream) {
    const count = Math.min(Number(stream[1]), MAX_STREAM_TOKENS);
    const token = (i: number): string => (i === 0 ? 'tok1' : ` tok${i + 1}`);
    let text: string | undefined;
    return {
      manager,
      count,
      token,
      spreadMs: Math.min(Number(stream[2] ?? 0), MAX_SPREAD_MS),
      get text() {
        text ??= Array.from({ length: count }, (_, i) => token(i)).join('');
        return text;
      },
    };
  }
  const words = message.trim().split(/\s+/).filter(Boolean).length;
  const text = `Agent stub (${route}) received ${words} ${words === 1 ? 'word' : 'words'}: ${message.trim() || '(empty message)'}`;
  return fromTokens(manager, wordTokens(text));
}
