import { REDACTED, redactText } from '../../../shared/redact.ts';
import { redactJson } from './redact-json.ts';

/** At most this many redacted JSON paths are listed per entry in the manifest (the count is always exact). */
export const MAX_LISTED_PATHS = 200;

/**
 * How an entry's text is read for redaction: `json` is parsed and walked ({@link redactJson}), `json-lines`
 * parses each line that is a JSON object or array (pino's log lines), `text` is free text (Markdown, plain logs).
 * Text that does not parse falls back to `text`. Whatever the format, {@link redactText} runs last over the
 * whole output.
 */
export type EntryFormat = 'json' | 'json-lines' | 'text';

/** An entry's text with its secrets hidden. */
export interface RedactedEntry {
  text: string;
  /** Values hidden: each `***` the redaction put in. */
  redactions: number;
  /** JSON paths of the hidden values (`json` only), at most {@link MAX_LISTED_PATHS}. */
  redactedPaths: string[];
}

/** Redacts one entry's text read from a file. */
export function redactEntryText(text: string, format: EntryFormat): RedactedEntry {
  if (format === 'json') {
    const parsed = tryParse(text);
    if (parsed.ok) {
      const { value, paths } = redactJson(parsed.value);
      // Keep the file's own layout (one line or indented) so redaction does not grow a compact report threefold.
      const layout = text.trim().includes('\n') ? 2 : undefined;
      return finish(text, `${JSON.stringify(value, null, layout)}\n`, paths);
    }
  }
  if (format === 'json-lines') {
    const lines = text.split('\n').map((line) => {
      const trimmed = line.trim();
      if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return line;
      const parsed = tryParse(trimmed);
      return parsed.ok ? JSON.stringify(redactJson(parsed.value).value) : line;
    });
    return finish(text, lines.join('\n'), []);
  }
  return finish(text, text, []);
}

/**
 * Redacts a value held in memory (the diagnosis, the settings) and writes it as indented JSON. The value must
 * be plain JSON data (see {@link toJsonData}).
 */
export function redactJsonValue(value: unknown): RedactedEntry {
  const original = JSON.stringify(value) ?? 'null';
  const { value: redacted, paths } = redactJson(value);
  return finish(original, `${JSON.stringify(redacted, null, 2)}\n`, paths);
}

/**
 * A value as plain JSON data (what `JSON.stringify` keeps: no `undefined`, functions, class instances), or
 * why it cannot be serialised (a cycle, a BigInt).
 */
export function toJsonData(value: unknown): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? { ok: false, reason: 'not a JSON value' } : { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, reason: `not serialisable as JSON (${error instanceof Error ? error.name : 'error'})` };
  }
}

/** The last pass over every entry, then the count: `***` in the output that were not in the input. */
function finish(original: string, text: string, paths: string[]): RedactedEntry {
  const final = redactText(text);
  const redactions = Math.max(0, count(final) - count(original), paths.length);
  return { text: final, redactions, redactedPaths: paths.slice(0, MAX_LISTED_PATHS) };
}

function count(text: string): number {
  return text.split(REDACTED).length - 1;
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
