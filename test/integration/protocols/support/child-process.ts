import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** A started server process with its output so far (for readiness and for the error when it dies). */
export interface ServerProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves once `pattern` appears in stdout/stderr; rejects when the process exits first or `withinMs` passes. */
  waitFor(pattern: RegExp, withinMs: number): Promise<void>;
  /** Sends `signal`, waits for the exit (SIGKILL after `graceMs`). Idempotent. */
  stop(signal: NodeJS.Signals, graceMs?: number): Promise<void>;
}

/**
 * Spawns `command` with an argument vector (no shell). A missing binary fails loudly with `installHint`: the
 * tests never skip, in CI or anywhere.
 */
export function startProcess(command: string, args: string[], options: SpawnOptions & { installHint: string }): ServerProcess {
  const { installHint, ...spawnOptions } = options;
  const child = spawn(command, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let spawnError: Error | undefined;
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.on('error', (err: NodeJS.ErrnoException) => {
    spawnError = err.code === 'ENOENT' ? new Error(`${command} not found: ${installHint}`) : err;
  });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));

  return {
    child,
    output: () => output,
    waitFor: async (pattern, withinMs) => {
      const deadline = Date.now() + withinMs;
      while (!pattern.test(output)) {
        if (spawnError) throw spawnError;
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`${command} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output}`);
        }
        if (Date.now() > deadline) throw new Error(`${command} not ready within ${withinMs} ms:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    stop: async (signal, graceMs = 5000) => {
      if (child.exitCode !== null || child.signalCode !== null || spawnError) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
