import { Command, CommanderError } from 'commander';
import { ExitCode } from './exit-codes.ts';
import type { CliDeps, CliIo } from './cli-deps.ts';
import { registerAgentStubCommand } from './commands/agent-stub.command.ts';
import { registerBundleCommand } from './commands/bundle.command.ts';
import { registerChatCommand } from './commands/chat.command.ts';
import type { CheckOptions } from './commands/check.command.ts';
import { registerWatchCommand } from './commands/watch.command.ts';
import type { ServeOptions } from './serve/serve-command.ts';
import { registerSmokeCommand } from './commands/smoke.command.ts';
import type { RepairOptions } from './commands/repair.command.ts';
import { TOKEN_ENV } from './serve/serve-token.ts';
import { millisecondsBetween, parsePort, parseToken, parseUrl } from './option-parsers.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { packageVersion } from './package-info.ts';

/** Per-probe timeout bounds accepted by `--timeout`, ms (stack config allows the same range). */
const parseTimeout = millisecondsBetween(50, 60_000);

/**
 * The bin's deps: the process's streams at once, the rest (`openApp`, whose logger and settings libraries cost
 * ~150 ms CPU to load) only before a command runs, so `--help` and `--version` never load them.
 */
export interface DeferredCliDeps extends CliIo {
  load(): Promise<Pick<CliDeps, 'openApp' | 'untilStopped'>>;
}

/** A CliDeps whose `openApp` and `untilStopped` forward to the loaded ones, plus the hook that loads them. */
function deferred(source: DeferredCliDeps): { deps: CliDeps; ready: () => Promise<void> } {
  let loaded: Pick<CliDeps, 'openApp' | 'untilStopped' | 'confirm' | 'onInterrupt'> | undefined;
  const real = (): Pick<CliDeps, 'openApp' | 'untilStopped'> => {
    if (!loaded) throw new Error('the CLI deps were used before a command ran');
    return loaded;
  };
  const { load: _load, ...io } = source;
  const deps: CliDeps = {
    ...io,
    openApp: (options) => real().openApp(options),
    untilStopped: () => (real().untilStopped ?? (() => new Promise<string>(() => undefined)))(),
  };
  return {
    deps,
    ready: async () => {
      loaded ??= await source.load();
      // Optional ones are copied as they are: their absence means something (no TTY: `repair` does not ask).
      if (loaded.confirm) deps.confirm = loaded.confirm;
      if (loaded.onInterrupt) deps.onInterrupt = loaded.onInterrupt;
    },
  };
}

function buildProgram(deps: CliDeps, setCode: (code: number) => void): Command {
  const program = new Command('stack-doctor')
    .description('Diagnoses your local stack: Docker engine, containers, DNS, ports, health, and where the orchestrator lives.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .option('--verbose', 'log debug details to stderr and show stack traces')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => deps.stdout.write(text),
      writeErr: (text) => deps.stderr.write(text),
      // One line, in the same `stack-doctor: …` form as every other exit-3 message.
      outputError: (text, write) => write(`stack-doctor: ${text.replace(/^error: /, '').trimEnd()} (see --help)\n`),
    });

  program
    .command('check')
    .description('diagnose the stack once; exit 0 healthy, 1 degraded, 2 unhealthy, 3 could not diagnose')
    .option('--workspace <dir>', 'workspace directory (default: the current directory)')
    .option('--project <name...>', 'also include these compose projects')
    .option('--timeout <ms>', 'per-probe timeout in milliseconds (default: settings, 1500)', parseTimeout)
    .option('--orchestrator-url <url>', 'orchestrator URL to resolve (default: config, env, http://orchestrator-service:8006)', parseUrl)
    .option('--json', 'print the diagnosis as one JSON object')
    .option('--no-color', 'no ANSI colours (colours are only used on a TTY anyway)')
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<CheckOptions>();
      // Each command loads its implementation when it runs, so `--help` and `--version` load none of them.
      const { runCheck } = await import('./commands/check.command.ts');
      setCode(await runCheck(deps, options));
    });

  program
    .command('serve')
    .description('serve the dashboard to a browser on 127.0.0.1, behind a per-run token')
    .option('--port <n>', 'port, 0 for a random free one', parsePort, 0)
    .option('--host <address>', 'interface to bind', '127.0.0.1')
    .option('--token <token>', `token the URL must carry, at least 16 characters (default: $${TOKEN_ENV}, else random per run)`, parseToken)
    .option('--allow-remote', 'allow --host to be a non-loopback address (the dashboard is then reachable from the network)')
    .option('--workspace <dir>', 'workspace the dashboard diagnoses (default: first configured, else current directory)')
    .option('--no-open', 'do not open a browser')
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<ServeOptions>();
      const { runServe } = await import('./serve/serve-command.ts');
      setCode(await runServe(deps, options));
    });

  program
    .command('settings')
    .description('show or change the CLI settings: settings get [KEY] | settings set KEY VALUE | settings path')
    .argument('[action]', 'get, set or path', 'get')
    .argument('[args...]', 'KEY, or KEY VALUE for set')
    .action(async (action: string, args: string[], _options: unknown, command: Command) => {
      const { verbose } = command.optsWithGlobals<{ verbose?: boolean }>();
      const { runSettings } = await import('./commands/settings.command.ts');
      setCode(await runSettings(deps, action, args, verbose ?? false));
    });

  registerAgentStubCommand(program, deps, setCode);
  registerChatCommand(program, deps, setCode);
  registerWatchCommand(program, deps, setCode);
  registerSmokeCommand(program, deps, setCode);
  registerBundleCommand(program, deps, setCode);
  program
    .command('repair')
    .description('preview and carry out a repair plan; exit 0 healthy, 1 degraded, 2 unhealthy at the end, 3 could not diagnose')
    .option('--workspace <dir>', 'workspace directory (default: the current directory)')
    .option('--dry-run', 'only show the plan; touch nothing')
    .option('--yes', 'carry out the plan without asking')
    .option('--json', 'print one JSON object (plan, steps, before, after); progress goes to stderr')
    .action(async (_options: unknown, command: Command) => {
      const { runRepair } = await import('./commands/repair.command.ts');
      setCode(await runRepair(deps, command.optsWithGlobals<RepairOptions>()));
    });

  return program;
}

/**
 * Runs the CLI and returns the exit code (never calls process.exit, so the bin can flush first).
 * @param argv full `process.argv`-style array (node, script, …args).
 * @param source the deps (tests), or the process's streams plus a loader of the rest (the bin).
 */
export async function runCli(argv: string[], source: CliDeps | DeferredCliDeps): Promise<number> {
  let code: number = ExitCode.healthy;
  const lazy = 'load' in source ? deferred(source) : null;
  const deps = lazy ? lazy.deps : (source as CliDeps);
  const program = buildProgram(deps, (next) => (code = next));
  if (lazy) program.hook('preAction', lazy.ready);
  try {
    await program.parseAsync(argv);
    return code;
  } catch (error) {
    // Commander already printed its message (bad option, unknown command…); help and --version exit 0.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : ExitCode.couldNotDiagnose;
    const verbose = argv.includes('--verbose');
    deps.stderr.write(`stack-doctor: ${errorMessage(error)}\n`);
    if (verbose && error instanceof Error && error.stack) deps.stderr.write(`${error.stack}\n`);
    return ExitCode.couldNotDiagnose;
  }
}
