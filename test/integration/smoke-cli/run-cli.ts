import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { TempWorkspace } from '../check/run-check.ts';

const repo = resolve(import.meta.dirname, '../../..');
const bin = join(repo, 'bin', 'stack-doctor.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real CLI, `node bin/stack-doctor.js …args`, with the workspace's private config and log folders,
 * stdout piped (not a TTY), and the variables that would steer it from outside the test cleared.
 */
export function runCli(workspace: TempWorkspace, args: string[], timeoutMs = 60_000): Promise<CliRun> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    ORCHESTRATOR_SERVICE_URL: undefined,
    DOCKER_HOST: undefined,
    DOCKER_CONTEXT: undefined,
    NO_COLOR: undefined,
    FORCE_COLOR: undefined,
    ...workspace.env,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      fail(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}
