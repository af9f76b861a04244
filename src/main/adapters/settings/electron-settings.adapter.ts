import { join } from 'node:path';
import ElectronStore from 'electron-store';
import type { Logger } from '../../core/ports/logger.port.ts';
import type { SettingsPort } from '../../core/ports/settings.port.ts';
import { createConfBackend } from './conf-backend.ts';
import { createSettingsStore } from './settings-store.ts';

export interface ElectronSettingsOptions {
  logger: Logger;
  /**
   * Directory holding `config.json`: pass `app.getPath('userData')` (electron-store's own default) or
   * `STACK_DOCTOR_CONFIG_DIR` for tests. Required so a corrupt file can be located before the store opens.
   */
  cwd: string;
}

/**
 * The tray app's settings: electron-store behind the same validated SettingsPort as the CLI. Only
 * construct it inside Electron's main process (electron-store imports electron at run time).
 */
export function createElectronSettings(options: ElectronSettingsOptions): SettingsPort & { readonly path: string } {
  const backend = createConfBackend(
    join(options.cwd, 'config.json'),
    () => new ElectronStore<Record<string, unknown>>({ cwd: options.cwd }),
    options.logger,
  );
  return createSettingsStore(backend, options.logger);
}
