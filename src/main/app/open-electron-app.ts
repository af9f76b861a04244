import { toDisposable } from '../../shared/lifecycle/disposable.ts';
import { createLogger } from '../adapters/log/logger.ts';
import { createElectronSettings } from '../adapters/settings/electron-settings.adapter.ts';
import type { App } from './app.ts';
import { createApp } from './create-app.ts';

export interface ElectronAppOptions {
  /** Electron's `logs` folder. */
  logsDir: string;
  /** Folder of the settings file: `app.getPath('userData')`, or `STACK_DOCTOR_CONFIG_DIR`. */
  configDir: string;
  verbose: boolean;
  /** Default process.env. */
  env?: Record<string, string | undefined>;
  /** Default process.cwd(). */
  cwd?: string;
}

/** The tray app's app: logs in Electron's logs folder, settings in electron-store (same schema as the CLI's). */
export function openElectronApp({ logsDir, configDir, verbose, env = process.env, cwd = process.cwd() }: ElectronAppOptions): App {
  const log = createLogger({ dir: logsDir, verbose });
  const logger = log.logger.child({ process: 'main' });
  const settings = createElectronSettings({ logger, cwd: configDir });
  return createApp({
    logger,
    settings,
    env,
    cwd,
    logDir: logsDir,
    owns: [
      toDisposable(async () => {
        logger.info({}, 'stack doctor stopped');
        await log.close();
      }),
    ],
  });
}
