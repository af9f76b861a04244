import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

const repoRoot = resolve(import.meta.dirname, '../../..');
const URL_LINE = /Agent stub listening on (http:\/\/\S+)/;

/** A running `stack-doctor agent-stub --port 0` child process. */
export interface AgentStubProcess {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** Switches the stub's fault through its run-time switch, `POST /__stub/fault`. */
  setFault(mode: string): Promise<void>;
  stderr(): string;
  /** SIGTERM, then SIGKILL after 5 s. Idempotent. */
  stop(): Promise<void>;
}

/** Starts the reference agent as a user would (the CLI), and resolves once it prints its URL. */
export async function startAgentStubProcess(options: { startTimeoutMs?: number } = {}): Promise<AgentStubProcess> {
  const child = spawn(process.execPath, [resolve(repoRoot, 'bin', 'stack-doctor.js'), 'agent-stub', '--port', '0'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopping ??= terminate(child, exited));

  try {
    const url = await waitForUrl(child, options.startTimeoutMs ?? 20_000, () => stderr);
    return {
      url,
      stderr: () => stderr,
      stop,
      async setFault(mode) {
        const response = await fetch(`${url}/__stub/fault`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ mode }),
        });
        const body = (await response.json()) as { mode?: string };
        if (response.status !== 200 || body.mode !== mode) throw new Error(`agent stub refused fault ${mode}: ${response.status} ${JSON.stringify(body)}`);
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function waitForUrl(child: ChildProcess, timeoutMs: number, stderr: () => string): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const fail = (why: string) => {
      cleanup();
      reject(new Error(`stack-doctor agent-stub ${why}. stderr:\n${stderr() || '(empty)'}`));
    };
    const timer = setTimeout(() => fail(`printed no URL within ${timeoutMs} ms`), timeoutMs);
    const onExit = (code: number | null) => fail(`exited (code ${code}) before printing its URL`);
    const onLine = (line: string) => {
      const match = URL_LINE.exec(line);
      if (!match?.[1]) return;
      cleanup();
      resolveUrl(match[1]);
    };
    function cleanup() {
      clearTimeout(timer);
      child.off('exit', onExit);
      lines.off('line', onLine);
      child.stdout?.resume();
    }
    child.once('exit', onExit);
    lines.on('line', onLine);
  });
}

async function terminate(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const killed = await Promise.race([exited.then(() => false), new Promise<boolean>((done) => (timer = setTimeout(() => done(true), 5_000)))]);
  clearTimeout(timer);
  if (killed) {
    child.kill('SIGKILL');
    await exited;
  }
}
