import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * Resolves with the first capture of `pattern` in the child's stdout (e.g. the URL line `serve` and
 * `agent-stub` print), or rejects naming `what` when the child exits or stays silent for `timeoutMs`.
 * stdout keeps draining afterwards so the child never blocks on a full pipe.
 */
export function waitForStdoutMatch(
  child: ChildProcess,
  pattern: RegExp,
  what: string,
  timeoutMs: number,
  stderr: () => string,
): Promise<string> {
  return new Promise((resolveMatch, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const fail = (why: string) => {
      cleanup();
      reject(new Error(`${what} ${why}. stderr:\n${stderr() || '(empty)'}`));
    };
    const timer = setTimeout(() => fail(`printed no URL within ${timeoutMs} ms`), timeoutMs);
    const onExit = (code: number | null, signal: string | null) => fail(`exited (code ${code}, signal ${signal}) before printing its URL`);
    const onLine = (line: string) => {
      const match = pattern.exec(line);
      if (!match?.[1]) return;
      cleanup();
      resolveMatch(match[1]);
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

/** SIGTERM, then SIGKILL after 5 s; resolves once the child has exited. */
export async function terminate(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const killed = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((done) => (timer = setTimeout(() => done(true), 5_000))),
  ]);
  clearTimeout(timer);
  if (killed) {
    child.kill('SIGKILL');
    await exited;
  }
}
