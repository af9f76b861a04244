import type { Settings } from '../../shared/model/index.ts';
import type { App } from '../app/app.ts';
import type { Disposable } from '../../shared/lifecycle/disposable.ts';

/** What a command writes to; tests pass buffers, the bin passes the process's streams. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  cwd: string;
}

export interface OpenAppOptions {
  /** Echo the log to stderr at debug level. */
  verbose: boolean;
  /** The workspace the app diagnoses and chats about when a call names none. Default: the first configured, else cwd. */
  workspace?: (settings: Settings) => string;
}

export interface CliDeps extends CliIo {
  /**
   * Opens the application (src/main/app): its logger and settings at once, its services on first use. The
   * command disposes it before it returns. Default (the bin): `openProcessApp`.
   */
  openApp(options: OpenAppOptions): App;
  /**
   * Asks a yes/no question on the terminal (`repair` before it acts). Absent when stdin or stdout is not a TTY:
   * then nothing asks, and `repair` without `--yes` only previews.
   */
  confirm?: (question: string) => Promise<boolean>;
  /**
   * Calls `listener` on the first Ctrl-C (SIGINT) while the returned disposable is alive: `repair` and `smoke` cancel
   * what runs, print what was done and exit 130. A second Ctrl-C ends the process at once (exit 130). Absent: no
   * interrupt is delivered (tests with buffers).
   */
  onInterrupt?: (listener: () => void) => Disposable;
  /** Waits for SIGINT/SIGTERM (serve mode's lifetime). Default: the process's signals. */
  untilStopped?: () => Promise<string>;
}
