import { createInterface } from 'node:readline/promises';
import { openProcessApp } from '../app/open-process-app.ts';
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

/** A yes/no question on the terminal; only `y` or `yes` is a yes. */
async function askOnTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}
