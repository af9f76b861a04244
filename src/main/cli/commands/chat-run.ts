import { resolve } from 'node:path';
import type { ChatEvent } from '../../../shared/model/index.ts';
import { ChatInputError } from '../../core/chat/chat-input-error.ts';
import type { CliDeps } from '../cli-deps.ts';
import type { ChatCommandOptions } from './chat.command.ts';

/** `stack-doctor chat` exit codes. */
const ChatExitCode = { complete: 0, error: 2, badArguments: 3 } as const;

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
