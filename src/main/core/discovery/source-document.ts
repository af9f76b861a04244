import type { ConfigIssue } from './config-issue.ts';

/** A 1-based position in a text file. */
export interface SourcePosition {
  line: number;
  column: number;
}

/**
 * A parsed YAML or JSONC file that remembers where each value came from, so a schema error on a
 * path can be reported at the line the user has to edit.
 */
export interface SourceDocument {
  file: string;
  /** The plain JS value; undefined when the text holds no document. */
  value: unknown;
  /** Syntax errors; when non-empty, `value` must not be trusted. */
  syntaxIssues: ConfigIssue[];
  /**
   * Position of the deepest existing node on `path`: for an object member, the position of its key
   * (the line to edit); for an array item, the item itself. The document start when nothing matches.
   */
  locate(path: readonly PropertyKey[]): SourcePosition;
}

/** 1-based line and column of a character offset (UTF-16 units, as JS strings count). */
export function positionAt(text: string, offset: number): SourcePosition {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < clamped; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: clamped - lineStart + 1 };
}
