import type { Doctor } from '../app/doctor.ts';
import type { Logger } from '../core/ports/logger.port.ts';
import type { SettingsPort } from '../core/ports/settings.port.ts';

/** What a command writes to; tests pass buffers, the bin passes the process's streams. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  cwd: string;
}

/** Long-lived services a command opens and must close before the process exits. */
export interface CliServices {
  logger: Logger;
  settings: SettingsPort & { readonly path: string };
  close(): Promise<void>;
}

export type DoctorFactory = (deps: {
  logger: Logger;
  settings: SettingsPort;
  env: Record<string, string | undefined>;
  cwd: string;
}) => Doctor;

export interface CliDeps extends CliIo {
  /** Logger (rotating file, stderr echo when verbose) and the conf settings store. */
  openServices(verbose: boolean): CliServices;
  /** Default: `buildDoctor` from src/main/app, loaded only when a command needs a doctor. */
  createDoctor?: DoctorFactory;
  /** Waits for SIGINT/SIGTERM (serve mode's lifetime). Default: the process's signals. */
  untilStopped?: () => Promise<string>;
}
