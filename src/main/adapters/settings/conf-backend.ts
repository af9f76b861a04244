import type Conf from 'conf';
import type { Settings } from '../../../shared/model/index.ts';
import type { Logger } from '../../core/ports/logger.port.ts';
import type { SettingsBackend } from './settings-store.ts';
import { quarantine } from './quarantine.ts';

type ConfStore = Conf<Record<string, unknown>>;

/**
 * A SettingsBackend over conf or electron-store (same class underneath). Both throw from the
 * constructor and from `.store` when the JSON file is corrupt; here that never escapes: the file is
 * moved aside once and the store reopens empty. Writes are conf's: atomic (temp file + rename, via
 * `atomically`).
 *
 * @param path the file the store will use (conf's `<cwd>/<configName>.json`), known before opening so a
 *   constructor failure can still be repaired.
 * @param open constructs the store; called again after a corrupt file was moved aside.
 */
export function createConfBackend(path: string, open: () => ConfStore, logger: Logger): SettingsBackend {
  let store: ConfStore;
  try {
    store = open();
  } catch (error) {
    if (!quarantine(path, logger, error)) throw error;
    store = open();
  }
  return {
    path: store.path,
    read() {
      try {
        return { ...store.store };
      } catch (error) {
        quarantine(store.path, logger, error);
        return {};
      }
    },
    write(settings: Settings) {
      store.store = { ...settings };
    },
  };
}
