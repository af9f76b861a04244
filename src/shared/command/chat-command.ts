import type { ChatTransport } from '../model/index.ts';
import { quoteAlways, shellQuote } from './shell-quote.ts';

/** An exchange as the pane knows it, to be replayed from a terminal with `stack-doctor chat`. */
export interface ChatCommandInput {
  /** As typed, before the journey template (`--journey` applies it again). */
  message: string;
  transport: ChatTransport;
  journey?: string;
  /** Only a pinned target is written: an unpinned exchange resolves again where the command runs. */
  pinnedTarget?: string;
  /** The exchange's time budget when one was asked for (raw mode's listen window), ms. */
  timeoutMs?: number;
  /** Written when the exchange ran against another workspace's stack config. */
  workspace?: string;
  /** NDJSON events instead of streamed text. */
  json?: boolean;
}

/**
 * "Copy as command", shared by the chat pane and the CLI:
 * `stack-doctor chat [--workspace DIR] --transport ws [--target URL] [--journey NAME] [--timeout MS] [--json] 'MESSAGE'`.
 * The transport is always written so the line says what it does; `--` precedes a message that starts
 * with `-` so commander never reads it as an option. The message is always quoted: it is the payload,
 * and quoting it keeps the line readable when it is a word that happens to be safe.
 */
export function buildChatCommand(input: ChatCommandInput): string {
  const argv = ['stack-doctor', 'chat'];
  if (input.workspace) argv.push('--workspace', input.workspace);
  argv.push('--transport', input.transport);
  const target = input.pinnedTarget?.trim();
  if (target) argv.push('--target', target);
  if (input.journey) argv.push('--journey', input.journey);
  if (input.timeoutMs !== undefined) argv.push('--timeout', String(input.timeoutMs));
  if (input.json) argv.push('--json');
  if (input.message.startsWith('-')) argv.push('--');
  return [...argv.map(shellQuote), quoteAlways(input.message)].join(' ');
}
