import { InvalidArgumentError, type Command } from 'commander';
import type { ChatTransport } from '../../../shared/model/index.ts';
import type { CliDeps } from '../cli-deps.ts';
import { millisecondsBetween } from '../option-parsers.ts';

/** Exchange budget bounds accepted by `--timeout`, ms (the stack config's `chat.timeoutMs` allows the same). */
const parseTimeout = millisecondsBetween(50, 600_000);

export interface ChatCommandOptions {
  workspace?: string;
  target?: string;
  transport: ChatTransport;
  journey?: string;
  timeout?: number;
  json?: boolean;
  verbose?: boolean;
}

/**
 * The `--transport` values: `chatTransportSchema`'s, spelled out so `--help` need not load zod and the model (a unit
 * test holds the two equal).
 */
export const CHAT_TRANSPORTS: readonly ChatTransport[] = ['ws', 'http', 'raw'];

function parseTransport(value: string): ChatTransport {
  const transport = CHAT_TRANSPORTS.find((name) => name === value);
  if (transport === undefined) throw new InvalidArgumentError(`expected one of: ${CHAT_TRANSPORTS.join(', ')}.`);
  return transport;
}

function parseTarget(value: string): string {
  try {
    new URL(value);
    return value;
  } catch {
    throw new InvalidArgumentError('expected an absolute URL such as http://localhost:8006 or ws://localhost:8006/chat/ws/a/b.');
  }
}

/** Adds `chat` to the program (kept here so main.ts needs one line). */
export function registerChatCommand(program: Command, deps: CliDeps, setCode: (code: number) => void): void {
  program
    .command('chat')
    .description('send one message to the orchestrator and stream the answer; exit 0 complete, 2 error, 3 bad arguments')
    .argument('<message>', 'the message (raw mode: the frame or body to send, empty for a GET)')
    .option('--workspace <dir>', 'workspace whose stack-doctor.yaml configures the target and journeys (default: the current directory)')
    .option('--target <url>', 'pin the target (bypasses resolution); raw mode: the ws:// or http:// URL to talk to', parseTarget)
    .option('--transport <kind>', 'ws, http or raw', parseTransport, 'ws')
    .option('--journey <name>', 'a journey from chat.journeys in stack-doctor.yaml')
    .option('--timeout <ms>', 'budget of the whole exchange in milliseconds (default: chat.timeoutMs, 30000)', parseTimeout)
    .option('--json', 'print NDJSON events (target, status, token, frame, complete, error)')
    .action(async (message: string, _options: unknown, command: Command) => {
      // The implementation (the model, the chat service) loads only when chat runs, never for --help.
      const { runChat } = await import('./chat-run.ts');
      setCode(await runChat(deps, message, command.optsWithGlobals<ChatCommandOptions>()));
    });
}
