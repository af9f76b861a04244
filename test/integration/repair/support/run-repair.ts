import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { TempWorkspace } from '../../check/run-check.ts';

const repo = resolve(import.meta.dirname, '../../../..');
const bin = join(repo, 'bin', 'stack-doctor.js');

export interface RepairCliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `node bin/stack-doctor.js repair --workspace <dir> …` as a child process, stdout piped (not a TTY), with the
 * workspace's private config and log folders and `STACK_DOCTOR_DATA_DIR` = `dataDir`. Variables that would change
 * the diagnosis from outside the test are cleared.
 */
export function runRepairCli(ws: TempWorkspace, dataDir: string, args: string[], timeoutMs = 90_000): Promise<RepairCliRun> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    ORCHESTRATOR_SERVICE_URL: undefined,
    DOCKER_HOST: undefined,
    DOCKER_CONTEXT: undefined,
    NO_COLOR: undefined,
    FORCE_COLOR: undefined,
    ...ws.env,
    STACK_DOCTOR_DATA_DIR: dataDir,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, 'repair', '--workspace', ws.dir, ...args], {
      cwd: repo,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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
