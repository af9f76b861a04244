import type { Settings, SettingsPatch } from '../../../../shared/model/index.ts';

/** The settings form's editable text, one string per field. */
export interface SettingsDraft {
  refreshIntervalSec: string;
  probeTimeoutMs: string;
  orchestratorUrl: string;
  chatBreakerFailures: string;
  chatBreakerHalfOpenSec: string;
  /** One workspace per line. */
  workspaces: string;
}

export function draftFromSettings(settings: Settings): SettingsDraft {
  return {
    refreshIntervalSec: String(settings.refreshIntervalSec),
    probeTimeoutMs: String(settings.probeTimeoutMs),
    orchestratorUrl: settings.orchestratorUrl ?? '',
    chatBreakerFailures: String(settings.chatBreakerFailures),
    chatBreakerHalfOpenSec: String(settings.chatBreakerHalfOpenSec),
    workspaces: settings.workspaces.join('\n'),
  };
}

/**
 * Draft → patch for `updateSettings`. Numbers are parsed here only so a typo is caught before the call;
 * the ranges are main's to enforce (its zod schema answers INVALID_REQUEST with the offending field).
 */
export function patchFromDraft(draft: SettingsDraft): { ok: true; patch: SettingsPatch } | { ok: false; message: string } {
  const refresh = Number(draft.refreshIntervalSec.trim());
  const timeout = Number(draft.probeTimeoutMs.trim());
  const failures = Number(draft.chatBreakerFailures.trim());
  const halfOpen = Number(draft.chatBreakerHalfOpenSec.trim());
  if (!Number.isInteger(refresh)) return { ok: false, message: 'Refresh interval must be a whole number of seconds.' };
  if (!Number.isInteger(timeout)) return { ok: false, message: 'Probe timeout must be a whole number of milliseconds.' };
  if (!Number.isInteger(failures)) return { ok: false, message: 'Breaker failures must be a whole number.' };
  if (!Number.isInteger(halfOpen)) return { ok: false, message: 'Breaker half-open delay must be a whole number of seconds.' };
  const url = draft.orchestratorUrl.trim();
  const workspaces = draft.workspaces
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return {
    ok: true,
    patch: {
      refreshIntervalSec: refresh,
      probeTimeoutMs: timeout,
      orchestratorUrl: url === '' ? null : url,
      chatBreakerFailures: failures,
      chatBreakerHalfOpenSec: halfOpen,
      workspaces,
    },
  };
}
