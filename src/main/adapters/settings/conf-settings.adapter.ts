import { homedir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import type { Logger } from '../../core/ports/logger.port.ts';
import type { SettingsPort } from '../../core/ports/settings.port.ts';
import { createConfBackend } from './conf-backend.ts';
import { createSettingsStore } from './settings-store.ts';

export interface ConfSettingsOptions {
  logger: Logger;
  /**
   * Directory holding `config.json`. Default: `STACK_DOCTOR_CONFIG_DIR` when set (tests point it at a temp
   * dir), else conf's per-user config dir for project `stack-doctor` (`~/.config/stack-doctor-nodejs` on Linux).
   */
  cwd?: string;
  /** Environment to read `STACK_DOCTOR_CONFIG_DIR` from; default `process.env`. */
  env?: Record<string, string | undefined>;
}

/** Conf's own default directory, computed the same way (env-paths), so a constructor failure can be repaired. */
function confDefaultDir(env: Record<string, string | undefined>): string {
  const name = 'stack-doctor-nodejs';
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Preferences', name);
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), name, 'Config');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), name);
}

/** The CLI's settings: conf (no Electron needed) behind the validated SettingsPort. */
export function createConfSettings(options: ConfSettingsOptions): SettingsPort & { readonly path: string } {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? (env.STACK_DOCTOR_CONFIG_DIR || confDefaultDir(env));
  const backend = createConfBackend(
    join(cwd, 'config.json'),
    () => new Conf<Record<string, unknown>>({ projectName: 'stack-doctor', cwd }),
    options.logger,
  );
  return createSettingsStore(backend, options.logger);
}
