/*
 * The one quoting function for every command Stack Doctor shows (fix commands, the chat pane's "copy as
 * command"). POSIX single quotes take every byte literally, so `'` is the only character to handle; this is
 * kept here rather than taken from `shell-quote`, whose backslash style has had injection bugs
 * (CVE-2021-42740) and which quotes differently from what the README shows.
 */

/** Words a POSIX shell reads literally without quotes. */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Always single-quoted, each `'` written as `'\''`: the word exactly, for any content. */
export function quoteAlways(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** POSIX shell quoting: bare when safe, else {@link quoteAlways}. */
export function shellQuote(word: string): string {
  return word !== '' && SAFE.test(word) ? word : quoteAlways(word);
}

/** An argument vector as one line a POSIX shell splits back into exactly that vector. */
export function shellLine(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
