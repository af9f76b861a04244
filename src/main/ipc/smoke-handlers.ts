import { basename } from 'node:path';
import type { BundleService } from '../app/bundle-service.ts';
import type { LogsService } from '../app/logs-service.ts';
import type { SmokeService } from '../app/smoke-service.ts';
import { DiagnoseInputError } from '../core/errors.ts';
import type { Handlers } from './dispatch.ts';

export type SmokeHandlerNames = 'getSmokeSuites' | 'runSmoke' | 'getSmokeHistory' | 'getLogs' | 'createBundle';

export interface SmokeHandlerDeps {
  smoke: Pick<SmokeService, 'suites' | 'run' | 'history'>;
  logs: Pick<LogsService, 'query'>;
  bundle: Pick<BundleService, 'create'>;
  /** The workspace the page works on; read on every call (Electron's follows the settings). */
  workspace: () => string;
  /**
   * Serve mode: the same-origin path that downloads a written bundle (see serve's bundle route); absent in
   * Electron, where the page shows the path in the app data folder.
   */
  downloadPath?: (fileName: string) => string;
}

/** The smoke, logs and bundle handlers, shared by the Electron shell and serve mode. */
export function createSmokeHandlers(deps: SmokeHandlerDeps): Pick<Handlers, SmokeHandlerNames> {
  return {
    getSmokeSuites: () => deps.smoke.suites(deps.workspace()),
    runSmoke: async ({ suite }) => {
      const run = await deps.smoke.run({ workspace: deps.workspace(), ...(suite !== undefined ? { suite } : {}) });
      // An unknown suite or an invalid config is the caller's input: INVALID_REQUEST with its message.
      if (!run.ok) throw new DiagnoseInputError(run.error.message);
      return run.record;
    },
    getSmokeHistory: async () => deps.smoke.history(),
    getLogs: (filter) => deps.logs.query(filter),
    createBundle: async () => {
      const result = await deps.bundle.create({ workspace: deps.workspace() });
      return { path: result.path, bytes: result.bytes, downloadPath: deps.downloadPath ? deps.downloadPath(basename(result.path)) : null };
    },
  };
}

/** Channels answered when the host has no smoke/bundle services (tests of other channels). */
export function unavailableSmokeHandlers(): Pick<Handlers, SmokeHandlerNames> {
  const unavailable = (): never => {
    throw new Error('smoke, logs and bundles are not available in this host');
  };
  return {
    getSmokeSuites: unavailable,
    runSmoke: unavailable,
    getSmokeHistory: unavailable,
    getLogs: unavailable,
    createBundle: unavailable,
  };
}
