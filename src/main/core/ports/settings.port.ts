import type { Settings, SettingsPatch } from '../../../shared/model/index.ts';

/** Persisted user settings, validated: an invalid stored value reads as its default (with a warning logged). */
export interface SettingsPort {
  get(): Settings;
  update(patch: SettingsPatch): Settings;
  /** Returns an unsubscribe function. */
  onChange(listener: (settings: Settings) => void): () => void;
}
