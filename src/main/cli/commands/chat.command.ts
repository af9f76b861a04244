import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { chatTransportSchema, type ChatEvent, type ChatTransport } from '../../../shared/model/index.ts';
import { ChatInputError } from '../../core/chat/chat-input-error.ts';
import type { CliDeps } from '../cli-deps.ts';
import { millisecondsBetween } from '../option-parsers.ts';

/** `stack-doctor chat` exit codes. */
export const ChatExitCode = { complete: 0, error: 2, badArguments: 3 } as const;

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

function parseTransport(value: string): ChatTransport {
  const parsed = chatTransportSchema.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(`expected one of: ${chatTransportSchema.options.join(', ')}.`);
  return parsed.data;
}

function parseTarget(value: string): string {
  try {
    new URL(value);
    return value;
  } catch {
    throw new InvalidArgumentError('expected an absolute URL such as http://localhost:8006 or ws://localhost:8006/chat/ws/a/b.');
  }
}

/** Human output: the answer on stdout as it streams; everything about the exchange on stderr. */
function humanPrinter(deps: CliDeps): (event: ChatEvent) => void {
  let lastChar = '\n';
  const out = (text: string): void => {
    if (text === '') return;
    deps.stdout.write(text);
    lastChar = text[text.length - 1] ?? lastChar;
  };
  const newline = (): void => {
    if (lastChar !== '\n') out('\n');
  };
  return (event) => {
    switch (event.type) {
      case 'target':
        deps.stderr.write(`→ ${event.url} (${event.decision}): ${event.reason} [correlation id ${event.correlationId}]\n`);
        return;
      case 'status':
        deps.stderr.write(`… ${event.status}\n`);
        return;
      case 'token':
        if (event.role === 'assistant') out(event.content);
        else deps.stderr.write(`[${event.role}] ${event.content}\n`);
        return;
      case 'frame':
        if (event.direction === 'in') {
          out(event.data);
          newline();
        } else deps.stderr.write(`> ${event.data}\n`);
        return;
      case 'complete':
        newline();
        deps.stderr.write(
          `✓ complete in ${Math.round(event.totalMs)} ms${event.firstTokenMs === null ? '' : ` (first token ${Math.round(event.firstTokenMs)} ms)`}\n`,
        );
        return;
      case 'error': {
        newline();
        const { error } = event;
        deps.stderr.write(`✗ ${error.class}: ${error.explanation}\n  hint: ${error.hint}\n`);
        if (error.detail) deps.stderr.write(`  detail: ${error.detail.replaceAll('\n', '\n          ')}\n`);
        if (error.rawFrame !== undefined) deps.stderr.write(`  raw frame: ${error.rawFrame}\n`);
        deps.stderr.write(`  correlation id: ${error.correlationId}\n`);
        return;
      }
    }
  };
}

/**
 * `stack-doctor chat MESSAGE`: one exchange with the orchestrator, resolved like the diagnosis resolves it
 * (or pinned with --target). Exit 0 on a complete answer, 2 on an error (any class), 3 on bad arguments.
 */
export async function runChat(deps: CliDeps, message: string, options: ChatCommandOptions): Promise<number> {
  const workspace = resolve(deps.cwd, options.workspace ?? '.');
  // The app's chat service (its breaker from settings, its client disposed with the app); no periodic check.
  const app = deps.openApp({ verbose: options.verbose ?? false, workspace: () => workspace });
  const print = options.json ? (event: ChatEvent) => deps.stdout.write(`${JSON.stringify(event)}\n`) : humanPrinter(deps);
  try {
    const { chat } = await app.services();
    // One exchange per process: every event the service emits is this exchange's.
    app.add(chat.onEvent(({ event }) => print(event)));
    const outcome = await chat.send({
      message,
      transport: options.transport,
      ...(options.journey !== undefined ? { journey: options.journey } : {}),
      ...(options.target !== undefined ? { pinnedTarget: options.target } : {}),
      ...(options.timeout !== undefined ? { timeoutMs: options.timeout } : {}),
    });
    return outcome.ok ? ChatExitCode.complete : ChatExitCode.error;
  } catch (error) {
    if (!(error instanceof ChatInputError)) throw error;
    deps.stderr.write(`stack-doctor: ${error.message}\n`);
    return ChatExitCode.badArguments;
  } finally {
    await app.dispose();
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
      setCode(await runChat(deps, message, command.optsWithGlobals<ChatCommandOptions>()));
    });
}
