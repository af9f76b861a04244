import { createInterface } from 'node:readline/promises';
import { openProcessApp } from '../app/open-process-app.ts';
import { toDisposable, type Disposable } from '../../shared/lifecycle/disposable.ts';
import type { CliDeps } from './cli-deps.ts';

/** The real process: its streams, env and cwd; the app of a plain Node process (logs in a file, settings in a JSON file). */
export function processDeps(): CliDeps {
  const env = process.env;
  const cwd = process.cwd();
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env,
    cwd,
    openApp: (options) => openProcessApp({ env, cwd, ...options }),
    // stdout first: reading process.stdin builds its stream, which a piped run (scripts, CI) never needs.
    ...(process.stdout.isTTY && process.stdin.isTTY ? { confirm: askOnTerminal } : {}),
    onInterrupt,
    untilStopped: () =>
      new Promise((resolve) => {
        const stop = (signal: string) => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve(signal);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      }),
  };
}

/**
 * A SIGINT this soon after the first is the same Ctrl-C, ms: `conf`'s atomic writer (when-exit) listens for SIGINT
 * too and, assuming the process dies, raises it again on its own pid; a key held down repeats the same way.
 */
const ECHO_MS = 1000;

/**
 * The first SIGINT goes to `listener` (the command winds down and reports); another one, later than {@link ECHO_MS},
 * while it still winds down, exits at once with 130. While a listener is on, Node's default (die at once) is off:
 * that is the point.
 */
function onInterrupt(listener: () => void): Disposable {
  let first: number | null = null;
  const handler = (): void => {
    const now = performance.now();
    if (first === null) {
      first = now;
      listener();
    } else if (now - first > ECHO_MS) {
      process.stderr.write('\nstack-doctor: interrupted again, exiting now\n');
      process.exit(130);
    }
  };
  process.on('SIGINT', handler);
  return toDisposable(() => {
    // After an interrupt, its echo may still be on the way: keep swallowing it for the rest of the window (the timer
    // does not keep the process alive), or it would kill the process while the command disposes the app.
    if (first === null) process.off('SIGINT', handler);
    else setTimeout(() => process.off('SIGINT', handler), ECHO_MS).unref();
  });
}

/**
 * A yes/no question on the terminal; only `y` or `yes` is a yes. Ctrl-C at the prompt is a keypress readline
 * swallows, not a signal: it ends the question (a no) and is raised as the SIGINT it stands for, so the command's
 * interrupt handling (or Node's default) sees it.
 */
async function askOnTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const asked = new AbortController();
  rl.once('SIGINT', () => {
    // The question ends once the signal has been handled, so the command sees itself interrupted, not a plain no.
    process.once('SIGINT', () => asked.abort());
    process.kill(process.pid, 'SIGINT');
  });
  try {
    return /^y(es)?$/i.test((await rl.question(question, { signal: asked.signal })).trim());
  } catch {
    return false;
  } finally {
    rl.close();
  }
}
