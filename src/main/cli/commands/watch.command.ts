import { resolve } from 'node:path';
import type { Command } from 'commander';
import { errorMessage } from '../../../shared/error-message.ts';
import type { SupervisionEvent } from '../../../shared/model/index.ts';
import type { CliDeps } from '../cli-deps.ts';
import { ExitCode } from '../exit-codes.ts';

export interface WatchOptions {
  workspace?: string;
  json?: boolean;
  verbose?: boolean;
}

/** One human line per event. */
export function formatSupervisionEvent(e: SupervisionEvent): string {
  const time = e.at.slice(11, 23);
  switch (e.type) {
    case 'service-state':
      return `${time} ${e.service}: ${e.previous} → ${e.state} (${e.reason})`;
    case 'recovery':
      return `${time} ${e.service}: ${e.action.kind} ${e.state} attempt ${e.attempt}/${e.maxAttempts}${e.delayMs > 0 ? ` after ${e.delayMs} ms` : ''} (${e.reason})`;
    case 'notification':
      return `${time} ! ${e.service}: ${e.message}${e.suppressed > 0 ? ` (+${e.suppressed} folded)` : ''}`;
    case 'engine':
      return `${time} engine ${e.state}${e.attempt === undefined ? '' : ` (attempt ${e.attempt}, retry in ${e.delayMs ?? 0} ms)`}${e.changed?.length ? `: ${e.changed.join(', ')} changed` : ''}`;
    case 'heartbeat':
      return `${time} ${e.service}: heartbeat ${e.status}${e.ageMs === null ? '' : ` (${Math.round(e.ageMs)} ms old)`}`;
    case 'supervision':
      return `${time} supervision ${e.state}`;
  }
}

/**
 * `stack-doctor watch`: supervises the workspace's stack until SIGINT/SIGTERM, then stops and leaves the
 * containers as they are. Prints every supervision event, as a human line or (`--json`) one JSON object a line.
 */
export async function runWatch(deps: CliDeps, options: WatchOptions): Promise<number> {
  // Like `check`, the CLI supervises where it is run unless told otherwise.
  const workspace = resolve(deps.cwd, options.workspace ?? '.');
  const app = deps.openApp({ verbose: options.verbose ?? false, workspace: () => workspace });
  const print = (e: SupervisionEvent): void => {
    deps.stdout.write(options.json ? `${JSON.stringify(e)}\n` : `${formatSupervisionEvent(e)}\n`);
  };
  try {
    const { supervisor } = await app.services();
    app.add(supervisor.onEvent(print));
    const stopped = (deps.untilStopped ?? (() => new Promise<string>(() => undefined)))();
    await Promise.race([app.startSupervision(), stopped]);
    if (!options.json) {
      const s = supervisor.status();
      deps.stderr.write(
        `watching ${s.workspace}: ${s.recovery.services.map((x) => x.service).join(', ') || 'no services'} (Ctrl-C stops)\n`,
      );
    }
    const signal = await stopped;
    app.logger.info({ signal }, 'watch stopping');
  } catch (error) {
    deps.stderr.write(`stack-doctor: ${errorMessage(error)}\n`);
    await app.dispose();
    return ExitCode.couldNotDiagnose;
  }
  await app.dispose();
  return ExitCode.healthy;
}

export function registerWatchCommand(program: Command, deps: CliDeps, setCode: (code: number) => void): void {
  program
    .command('watch')
    .description('supervise the stack until Ctrl-C: recover crashed and unhealthy services, never one you stopped')
    .option('--workspace <dir>', 'workspace directory (default: the current directory)')
    .option('--json', 'print one JSON event a line (NDJSON)')
    .action(async (_options: unknown, command: Command) => {
      setCode(await runWatch(deps, command.optsWithGlobals<WatchOptions>()));
    });
}
