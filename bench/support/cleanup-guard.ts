import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import Docker from 'dockerode';
import { removeLabelled } from '../../test/integration/support/docker-cleanup.ts';

const repo = resolve(import.meta.dirname, '../..');

/** What a bench tells its guard to clean up should the bench die before it cleans up itself. */
export interface CleanupGuard {
  /** A temp folder to remove. */
  dir(path: string): void;
  /** A child process to kill (SIGKILL). */
  pid(pid: number): void;
}

/**
 * Starts a detached guard process (its own session: a Ctrl-C in the terminal does not reach it) that waits for the
 * bench's end, whatever it is (exit, SIGINT, or the SIGKILL `tsx` sends a child that took over 30 ms to answer a
 * relayed signal on a loaded machine), then kills the given children and removes every container and network
 * labelled `label` and the given folders. After a clean exit it finds nothing left. Idempotent.
 */
export function startCleanupGuard(label: string): CleanupGuard {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      `import('./bench/support/cleanup-guard.ts').then((m) => m.${runCleanupGuard.name}(${JSON.stringify(label)}))`,
    ],
    { cwd: repo, detached: true, stdio: ['pipe', 'ignore', 'ignore'] },
  );
  child.unref();
  child.stdin.on('error', () => undefined);
  const send = (line: string): void => void child.stdin.write(`${line}\n`);
  return { dir: (path) => send(`dir ${path}`), pid: (pid) => send(`pid ${pid}`) };
}

/** The guard's side: collects what to clean from stdin; once stdin ends (the bench is gone), cleans it. */
export function runCleanupGuard(label: string): void {
  const dirs: string[] = [];
  const pids: number[] = [];
  let buffered = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    buffered += chunk;
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      const space = line.indexOf(' ');
      const [kind, value] = [line.slice(0, space), line.slice(space + 1)];
      if (kind === 'dir') dirs.push(value);
      if (kind === 'pid' && /^\d+$/.test(value)) pids.push(Number(value));
    }
  });
  process.stdin.once('end', () => {
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    void removeLabelled(new Docker(), label)
      .then(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))))
      .finally(() => process.exit(0));
  });
}
