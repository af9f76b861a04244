import type { Settings, SettingsPatch } from '../../../shared/model/index.ts';
import type { Event } from '../../../shared/lifecycle/emitter.ts';

/** Persisted user settings, validated: an invalid stored value reads as its default (with a warning logged). */
export interface SettingsPort {
  get(): Settings;
  update(patch: SettingsPatch): Settings;
  /** Fires after every successful `update` with the new settings. */
  readonly onChange: Event<Settings>;
}
