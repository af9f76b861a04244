import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import pc from 'picocolors';
import type { SmokeOutcome } from '../../../shared/model/index.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import type { CliDeps } from '../cli-deps.ts';

/**
 * `stack-doctor smoke` exit codes: every check passed, a check failed or errored, the run could not start, Ctrl-C
 * (the scoreboard of what ran is still printed, and the JUnit file written).
 */
export const SmokeExitCode = { passed: 0, failed: 1, badArguments: 3, interrupted: 130 } as const;

export interface SmokeCommandOptions {
  workspace?: string;
  suite?: string;
  /** File to write the JUnit XML report to. */
  junit?: string;
  json?: boolean;
  /** False with `--no-color`. */
  color: boolean;
  verbose?: boolean;
}

const COLOURS: Record<SmokeOutcome, (text: string) => string> = { pass: pc.green, fail: pc.red, error: pc.magenta, skipped: pc.dim };

/**
 * `stack-doctor smoke`: runs the workspace's `smoke:` suites and the built-in diagnosis suite, prints the
 * scoreboard (or its JSON) and writes JUnit XML when asked. Exit 0 only when every check passed, 1 when one
 * failed or errored, 3 for bad arguments, an invalid stack config, an unknown suite or a JUnit file that
 * cannot be written, 130 on Ctrl-C: checks in flight end as `error` (their requests aborted), the rest `skipped`.
 */
export async function runSmokeCommand(deps: CliDeps, options: SmokeCommandOptions): Promise<number> {
  const workspace = resolve(deps.cwd, options.workspace ?? '.');
  const app = deps.openApp({ verbose: options.verbose ?? false, workspace: () => workspace });
  const interrupt = new AbortController();
  const interruption = deps.onInterrupt?.(() => {
    deps.stderr.write('\nstack-doctor: interrupted, cancelling the smoke run…\n');
    interrupt.abort();
  });
  try {
    const { smoke } = await app.services();
    const run = await smoke.run({
      workspace,
      signal: interrupt.signal,
      ...(options.suite !== undefined ? { suite: options.suite } : {}),
    });
    if (!run.ok) {
      deps.stderr.write(`stack-doctor: ${run.error.message}\n`);
      return SmokeExitCode.badArguments;
    }
    const { scoreboard, exitCode } = run.record;
    // Loaded here, not at the top: `--help` must not pay for the XML builder.
    const [{ renderScoreboardText }, { renderJunitXml }] = await Promise.all([
      import('../../core/smoke/scoreboard-text.ts'),
      import('../../core/smoke/junit-xml.ts'),
    ]);
    if (options.json) deps.stdout.write(`${JSON.stringify(scoreboard, null, 2)}\n`);
    else {
      const color = options.color && deps.stdout.isTTY === true && !deps.env.NO_COLOR;
      deps.stdout.write(renderScoreboardText(scoreboard, color ? { style: (outcome, text) => COLOURS[outcome](text) } : {}));
    }
    if (options.junit !== undefined) {
      const file = resolve(deps.cwd, options.junit);
      try {
        await writeFile(file, renderJunitXml(scoreboard));
      } catch (error) {
        deps.stderr.write(`stack-doctor: cannot write the JUnit report to ${file}: ${errorMessage(error)}\n`);
        return SmokeExitCode.badArguments;
      }
    }
    if (interrupt.signal.aborted) {
      const ran = scoreboard.total - scoreboard.skipped;
      deps.stderr.write(`stack-doctor: interrupted: ${ran} of ${scoreboard.total} check(s) ran (${scoreboard.passed} passed)\n`);
      return SmokeExitCode.interrupted;
    }
    return exitCode;
  } finally {
    interruption?.dispose();
    await app.dispose();
  }
}

export function registerSmokeCommand(program: Command, deps: CliDeps, setCode: (code: number) => void): void {
  program
    .command('smoke')
    .description('run the smoke suites and the diagnosis suite; exit 0 all passed, 1 a check failed, 3 bad arguments or config')
    .option('--workspace <dir>', 'workspace whose stack-doctor.yaml declares the suites (default: the current directory)')
    .option('--suite <name>', 'run only this suite (`diagnosis` is the built-in one)')
    .option('--junit <file>', 'also write the scoreboard as JUnit XML to this file')
    .option('--json', 'print the scoreboard as one JSON object')
    .option('--no-color', 'no ANSI colours (colours are only used on a TTY anyway)')
    .action(async (_options: unknown, command: Command) => {
      setCode(await runSmokeCommand(deps, command.optsWithGlobals<SmokeCommandOptions>()));
    });
}
