import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { CliRun } from './run-cli.ts';
import type { TempWorkspace } from '../check/run-check.ts';

const repo = resolve(import.meta.dirname, '../../..');
const bin = join(repo, 'bin', 'stack-doctor.js');

/** A CLI child the test talks to while it runs (to send it SIGINT), unlike runCli which only waits for the end. */
export interface LiveCli {
  child: ChildProcess;
  /** Resolves once stdout or stderr has printed `text`; rejects if the process ends first. */
  printed(text: string | RegExp): Promise<void>;
  done: Promise<CliRun>;
}

/** A word for `sh -c`, single-quoted. */
const shellWord = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;

export interface SpawnCliOptions {
  env?: Record<string, string>;
  /** Kill it after this long, ms. Default 90 000. */
  timeoutMs?: number;
  /**
   * Run it on a pseudo-terminal (util-linux `script`), as a user at a terminal does: stdin and stdout are a TTY, so
   * `repair` asks y/N; what the test writes to `child.stdin` is typed on that terminal (`\x03` is Ctrl-C).
   */
  tty?: boolean;
}

/** `node bin/stack-doctor.js …args` with the workspace's private config and log folders, stdout and stderr piped. */
export function spawnCli(ws: TempWorkspace, args: string[], options: SpawnCliOptions = {}): LiveCli {
  const env: Record<string, string | undefined> = {
    ...process.env,
    ORCHESTRATOR_SERVICE_URL: undefined,
    DOCKER_HOST: undefined,
    DOCKER_CONTEXT: undefined,
    NO_COLOR: undefined,
    FORCE_COLOR: undefined,
    ...ws.env,
    ...options.env,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const started = performance.now();
  const child = options.tty
    ? spawn('script', ['-qfec', [process.execPath, bin, ...args].map(shellWord).join(' '), '/dev/null'], {
        cwd: repo,
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
      })
    : spawn(process.execPath, [bin, ...args], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  const onData = (): void => waiters.forEach((check) => check());
  child.stdout?.on('data', (chunk: Buffer) => ((stdout += chunk.toString()), onData()));
  child.stderr?.on('data', (chunk: Buffer) => ((stderr += chunk.toString()), onData()));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 90_000);
  const done = new Promise<CliRun>((resolveRun, reject) => {
    child.once('error', (error) => (clearTimeout(timer), reject(error)));
    child.once('close', (code) => {
      clearTimeout(timer);
      waiters.forEach((check) => check());
      resolveRun({ code, stdout, stderr, wallMs: performance.now() - started });
    });
  });
  const printed = (text: string | RegExp): Promise<void> =>
    new Promise((resolveWait, reject) => {
      const seen = (): boolean => (typeof text === 'string' ? (stdout + stderr).includes(text) : text.test(stdout + stderr));
      const check = (): void => {
        if (seen()) {
          waiters.delete(check);
          resolveWait();
        } else if (child.exitCode !== null || child.signalCode !== null) {
          waiters.delete(check);
          reject(new Error(`the CLI ended before printing ${String(text)}:\n${stdout}\n${stderr}`));
        }
      };
      waiters.add(check);
      check();
    });
  return { child, printed, done };
}
