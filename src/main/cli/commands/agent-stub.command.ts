import { InvalidArgumentError, type Command } from 'commander';
import type { AgentStub } from '../../../tools/agent-stub/agent-stub.server.ts';
import type { FaultMode } from '../../../tools/agent-stub/fault-mode.ts';
import { DEFAULT_DELAY_MS, FAULT_MODES, MAX_DELAY_MS } from '../../../tools/agent-stub/fault-modes.ts';
import type { CliDeps } from '../cli-deps.ts';
import { ExitCode, type ExitCodeValue } from '../exit-codes.ts';
import { errorMessage } from '../../../shared/error-message.ts';

/** The port an orchestrator listens on in the default profile. */
export const AGENT_STUB_DEFAULT_PORT = 8006;

export interface AgentStubCommandOptions {
  /** Default 8006; 0 picks a free one. */
  port: number;
  /** Default 127.0.0.1. */
  host: string;
  /** Default `none`. */
  fault: FaultMode;
  /** `slow-first-token` delay, ms. Default 2000. */
  delayMs: number;
  verbose?: boolean;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port > 65_535) throw new InvalidArgumentError('expected a port between 0 and 65535.');
  return port;
}

function parseFault(value: string): FaultMode {
  const mode = FAULT_MODES.find((name) => name === value);
  if (mode === undefined) throw new InvalidArgumentError(`expected one of: ${FAULT_MODES.join(', ')}.`);
  return mode;
}

function parseDelay(value: string): number {
  const ms = Number(value);
  if (!/^\d+$/.test(value.trim()) || ms > MAX_DELAY_MS)
    throw new InvalidArgumentError(`expected whole milliseconds between 0 and ${MAX_DELAY_MS}.`);
  return ms;
}

/**
 * `stack-doctor agent-stub`: the reference agent on 127.0.0.1. Prints its URL and fault, runs until
 * SIGINT/SIGTERM, then closes the server and the logs.
 */
export async function runAgentStub(deps: CliDeps, options: AgentStubCommandOptions): Promise<ExitCodeValue> {
  const app = deps.openApp({ verbose: options.verbose ?? false });
  const logger = app.logger.child({ component: 'agent-stub' });
  let stub: AgentStub;
  try {
    // The server (and ws) load only when the command runs: the program registers this command at every start.
    const { startAgentStub } = await import('../../../tools/agent-stub/agent-stub.server.ts');
    stub = await startAgentStub({ host: options.host, port: options.port, fault: options.fault, delayMs: options.delayMs, logger });
  } catch (error) {
    await app.dispose();
    const message = errorMessage(error);
    deps.stderr.write(`stack-doctor: cannot start the agent stub on ${options.host}:${options.port}: ${message}\n`);
    return ExitCode.couldNotDiagnose;
  }
  deps.stdout.write(`Agent stub listening on ${stub.url} (fault: ${stub.fault().mode})\n`);
  const signal = await (deps.untilStopped ?? (() => new Promise<string>(() => undefined)))();
  logger.info({ signal }, 'agent stub stopping');
  await stub.close();
  await app.dispose();
  return ExitCode.healthy;
}

/** Adds `agent-stub` to the program (kept here so main.ts needs one line). */
export function registerAgentStubCommand(program: Command, deps: CliDeps, setCode: (code: number) => void): void {
  program
    .command('agent-stub')
    .description('serve a reference orchestrator agent (health, HTTP chat, WS streaming) with switchable faults, for tests and demos')
    .option('--port <n>', 'port, 0 for a random free one', parsePort, AGENT_STUB_DEFAULT_PORT)
    .option('--host <address>', 'interface to bind', '127.0.0.1')
    .option('--fault <mode>', `fault at start (switch later with POST /__stub/fault): ${FAULT_MODES.join(', ')}`, parseFault, 'none')
    .option('--delay-ms <ms>', 'delay before the first token under slow-first-token, ms', parseDelay, DEFAULT_DELAY_MS)
    .action(async (_options: unknown, command: Command) => {
      setCode(await runAgentStub(deps, command.optsWithGlobals<AgentStubCommandOptions>()));
    });
}
