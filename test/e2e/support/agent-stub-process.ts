import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { terminate, waitForStdoutMatch } from './child-process.ts';

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
    const url = await waitForStdoutMatch(child, URL_LINE, 'stack-doctor agent-stub', options.startTimeoutMs ?? 20_000, () => stderr);
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
        if (response.status !== 200 || body.mode !== mode)
          throw new Error(`agent stub refused fault ${mode}: ${response.status} ${JSON.stringify(body)}`);
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
