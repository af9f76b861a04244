import { Command, CommanderError } from 'commander';
import { ExitCode } from './exit-codes.ts';
import type { CliDeps } from './cli-deps.ts';
import { registerAgentStubCommand } from './commands/agent-stub.command.ts';
import { registerChatCommand } from './commands/chat.command.ts';
import { registerRepairCommand } from './commands/repair.command.ts';
import { runCheck, type CheckOptions } from './commands/check.command.ts';
import { runSettings } from './commands/settings.command.ts';
import { runServe, type ServeOptions } from './serve/serve-command.ts';
import { TOKEN_ENV } from './serve/serve-auth.ts';
import { millisecondsBetween, parsePort, parseToken, parseUrl } from './option-parsers.ts';
import { errorMessage } from '../../shared/error-message.ts';

/** Per-probe timeout bounds accepted by `--timeout`, ms (stack config allows the same range). */
const parseTimeout = millisecondsBetween(50, 60_000);

function buildProgram(deps: CliDeps, setCode: (code: number) => void): Command {
  const program = new Command('stack-doctor')
    .description('Diagnoses your local stack: Docker engine, containers, DNS, ports, health, and where the orchestrator lives.')
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
      setCode(await runServe(deps, options));
    });

  program
    .command('settings')
    .description('show or change the CLI settings: settings get [KEY] | settings set KEY VALUE | settings path')
    .argument('[action]', 'get, set or path', 'get')
    .argument('[args...]', 'KEY, or KEY VALUE for set')
    .action(async (action: string, args: string[], _options: unknown, command: Command) => {
      const { verbose } = command.optsWithGlobals<{ verbose?: boolean }>();
      setCode(await runSettings(deps, action, args, verbose ?? false));
    });

  registerAgentStubCommand(program, deps, setCode);
  registerChatCommand(program, deps, setCode);
  registerRepairCommand(program, deps, setCode);

  return program;
}

/**
 * Runs the CLI and returns the exit code (never calls process.exit, so the bin can flush first).
 * @param argv full `process.argv`-style array (node, script, …args).
 */
export async function runCli(argv: string[], deps: CliDeps): Promise<number> {
  let code: number = ExitCode.healthy;
  const program = buildProgram(deps, (next) => (code = next));
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
