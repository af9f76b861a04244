import type { Settings } from '../../shared/model/index.ts';
import { toDisposable } from '../../shared/lifecycle/disposable.ts';
import { createLogger, defaultLogDir } from '../adapters/log/logger.ts';
import { createFileSettings } from '../adapters/settings/file-settings.adapter.ts';
import type { App } from './app.ts';
import { createApp } from './create-app.ts';

export interface ProcessAppOptions {
  /** Read for the log and settings folders, DOCKER_HOST / docker context and ORCHESTRATOR_SERVICE_URL. */
  env: Record<string, string | undefined>;
  cwd: string;
  /** Echo the log to stderr at debug level. */
  verbose: boolean;
  /** The app's workspace; default the first configured, else `cwd`. */
  workspace?: (settings: Settings) => string;
}

/**
 * The app of a plain Node process (the CLI and `serve`): logs in a rotating file under `defaultLogDir(env)`,
 * settings in one JSON file (conf's format and folder). Only the logger and the settings open here; the services load when
 * first asked for (`check` builds only the engine client and the diagnosis).
 */
export function openProcessApp({ env, cwd, verbose, workspace }: ProcessAppOptions): App {
  const logDir = defaultLogDir(env);
  const log = createLogger({ dir: logDir, verbose });
  const settings = createFileSettings({ logger: log.logger, env });
  return createApp({
    logger: log.logger,
    settings,
    env,
    cwd,
    logDir,
    ...(workspace ? { workspace } : {}),
    owns: [toDisposable(() => log.close())],
  });
}
