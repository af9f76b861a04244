import type { AppInfo } from '../../shared/contract/index.ts';
import type { Doctor } from '../app/doctor.ts';
import type { SettingsPort } from '../core/ports/settings.port.ts';
import type { Handlers } from './dispatch.ts';

export interface HandlerDeps {
  doctor: Doctor;
  settings: SettingsPort;
  appInfo: AppInfo;
}

/** The contract's handlers, shared by the Electron shell and serve mode. */
export function createHandlers({ doctor, settings, appInfo }: HandlerDeps): Handlers {
  return {
    getAppInfo: async () => appInfo,
    runDiagnosis: async ({ workspace }) => doctor.diagnose({ workspace: workspace ?? appInfo.workspace }),
    getLastDiagnosis: async () => doctor.last,
    getSettings: async () => settings.get(),
    updateSettings: async (patch) => settings.update(patch),
  };
}
