import type { ChatTransport } from '../../../shared/model/index.ts';

/** An exchange as the pane knows it, to be replayed from a terminal. */
export interface CopyCommandInput {
  /** As typed, before the journey template (`--journey` applies it again). */
  message: string;
  transport: ChatTransport;
  journey?: string;
  /** Only a pinned target is written: an unpinned exchange resolves again where the command runs. */
  pinnedTarget?: string;
  workspace?: string;
  timeoutMs?: number;
  json?: boolean;
}

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** POSIX shell quoting: bare when safe, else single quotes with `'` written as `'\''`. */
export function shellQuote(word: string): string {
  if (word !== '' && SAFE.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * "Copy as command": the `stack-doctor chat` line that repeats an exchange. Options come in a stable order;
 * `--` precedes a message that starts with `-` so it is never read as an option.
 */
export function buildChatCommand(input: CopyCommandInput): string {
  const words = ['stack-doctor', 'chat'];
  if (input.workspace) words.push('--workspace', shellQuote(input.workspace));
  if (input.pinnedTarget) words.push('--target', shellQuote(input.pinnedTarget));
  if (input.transport !== 'ws') words.push('--transport', input.transport);
  if (input.journey) words.push('--journey', shellQuote(input.journey));
  if (input.timeoutMs !== undefined) words.push('--timeout', String(input.timeoutMs));
  if (input.json) words.push('--json');
  if (input.message.startsWith('-')) words.push('--');
  words.push(shellQuote(input.message));
  return words.join(' ');
}
