import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Settings } from '../../../shared/model/index.ts';
import type { Logger } from '../../core/ports/logger.port.ts';
import type { SettingsPort } from '../../core/ports/settings.port.ts';
import { quarantine } from './quarantine.ts';
import { createSettingsStore, type SettingsBackend } from './settings-store.ts';

export interface FileSettingsOptions {
  logger: Logger;
  /**
   * Directory holding `config.json`. Default: `STACK_DOCTOR_CONFIG_DIR` when set (tests point it at a temp
   * dir), else the per-user config dir for project `stack-doctor` (`~/.config/stack-doctor-nodejs` on Linux).
   */
  cwd?: string;
  /** Environment to read `STACK_DOCTOR_CONFIG_DIR` from; default `process.env`. */
  env?: Record<string, string | undefined>;
}

/**
 * The per-user config dir earlier versions' conf store used (env-paths' `config` for `stack-doctor`), so settings
 * written by them are read as before.
 */
function defaultConfigDir(env: Record<string, string | undefined>): string {
  const name = 'stack-doctor-nodejs';
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Preferences', name);
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), name, 'Config');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), name);
}

/** What a settings file holds: a JSON object; anything else is corrupt. */
function parseObject(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('the settings file is not a JSON object');
  return value as Record<string, unknown>;
}

/**
 * A SettingsBackend over one JSON file, in conf's format (tab-indented), read with a plain `readFileSync` at every
 * `read()`. A missing file reads as `{}`; a corrupt one is moved aside once and reads as `{}`. Writes are atomic
 * (write-file-atomic: temp file + rename). conf did the same plus schema and migration machinery the CLI does not
 * use, and loading it (with ajv) cost ~75–95 ms CPU at every start (bench/README "import-cost").
 */
export function createJsonFileBackend(path: string, logger: Logger): SettingsBackend {
  return {
    path,
    read() {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        return {};
      }
      try {
        return parseObject(text);
      } catch (error) {
        quarantine(path, logger, error);
        return {};
      }
    },
    write(settings: Settings) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileAtomic.sync(path, JSON.stringify(settings, undefined, '\t'));
    },
  };
}

/** The CLI's and serve's settings: one JSON file behind the validated SettingsPort. */
export function createFileSettings(options: FileSettingsOptions): SettingsPort & { readonly path: string } {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? (env.STACK_DOCTOR_CONFIG_DIR || defaultConfigDir(env));
  return createSettingsStore(createJsonFileBackend(join(cwd, 'config.json'), options.logger), options.logger);
}
