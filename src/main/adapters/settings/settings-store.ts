import { z } from 'zod';
import { settingsKeys, settingsSchema, type Settings, type SettingsKey, type SettingsPatch } from '../../../shared/model/index.ts';
import type { Logger } from '../../core/ports/logger.port.ts';
import type { SettingsPort } from '../../core/ports/settings.port.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import { Emitter } from '../../../shared/lifecycle/emitter.ts';

/** The raw key/value file behind a settings store (conf or electron-store). Reads never throw. */
export interface SettingsBackend {
  /** Where the settings live, for messages and `stack-doctor settings path`. */
  readonly path: string;
  /** The stored object as-is (unvalidated); `{}` when missing or unreadable. */
  read(): Record<string, unknown>;
  /** Persists the whole validated settings object (atomically: both backends write temp file + rename). */
  write(settings: Settings): void;
}

/** The schema default of every key, e.g. `refreshIntervalSec: 30`. */
export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}

/**
 * Parses each stored key on its own, so one bad value costs only that key: it reads as its default and a
 * warning names the key and why. Unknown keys are ignored (a newer version may have written them).
 */
export function readSettings(raw: Record<string, unknown>, logger: Logger): Settings {
  const defaults = defaultSettings();
  const settings: Record<string, unknown> = { ...defaults };
  for (const key of settingsKeys) {
    if (!(key in raw)) continue;
    const parsed = settingsSchema.shape[key].safeParse(raw[key]);
    if (parsed.success) {
      settings[key] = parsed.data;
    } else {
      logger.warn(
        { key, value: raw[key], issue: z.prettifyError(parsed.error), fallback: defaults[key] },
        'invalid stored setting: using its default',
      );
    }
  }
  return settings as Settings;
}

/** Thrown by `update` for a patch that fails the schema; transports validate first, so this is a bug path. */
export class SettingsPatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsPatchError';
  }
}

/** The validation core shared by the conf (CLI) and electron-store (app) adapters. */
export function createSettingsStore(backend: SettingsBackend, logger: Logger): SettingsPort & { readonly path: string } {
  const changed = new Emitter<Settings>((error) => logger.error({ err: errorMessage(error) }, 'settings listener failed'));
  return {
    path: backend.path,
    get: () => readSettings(backend.read(), logger),
    update(patch: SettingsPatch): Settings {
      // Key by key, not with settingsPatchSchema: its fields keep their `.default()`s, so parsing a patch
      // would fill in (and so reset) every key the caller did not name.
      const changes: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        if (!(settingsKeys as string[]).includes(key)) throw new SettingsPatchError(`unknown setting ${key}`);
        const parsed = settingsSchema.shape[key as SettingsKey].safeParse(value);
        if (!parsed.success) throw new SettingsPatchError(`invalid setting ${key}: ${z.prettifyError(parsed.error)}`);
        changes[key] = parsed.data;
      }
      const next = settingsSchema.parse({ ...readSettings(backend.read(), logger), ...changes });
      backend.write(next);
      changed.emit(next);
      return next;
    },
    onChange: changed.event,
  };
}
