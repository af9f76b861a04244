import type { ChatTransport } from '../../../../shared/model/index.ts';
import type { ChatJourneyInfo } from './chat-view-state.ts';

/** What the composer holds. */
export interface ComposerDraft {
  message: string;
  transport: ChatTransport;
  /** Empty: resolve the target. Raw mode: the exact ws:// or http:// URL (required). */
  pin: string;
  /** Empty: no journey. */
  journey: string;
  /** Raw mode: how long to listen for frames after sending, seconds (the exchange's time budget). */
  listenSec: string;
}

/** Raw mode's listen window bounds, seconds (the contract allows 0.05–600 s per exchange). */
export const LISTEN_MIN_SEC = 1;
export const LISTEN_MAX_SEC = 600;

/** The raw listen window in ms, or null when the field is not a whole number of seconds in range. */
export function listenMs(draft: ComposerDraft): number | null {
  const sec = Number(draft.listenSec);
  if (!/^\d+$/.test(draft.listenSec.trim()) || sec < LISTEN_MIN_SEC || sec > LISTEN_MAX_SEC) return null;
  return sec * 1000;
}

/** Why the draft cannot be sent, or null when it can. */
export function draftProblem(draft: ComposerDraft): string | null {
  const pin = draft.pin.trim();
  if (draft.transport === 'raw') {
    if (!pin) return 'Raw mode needs a ws:// or http:// URL to talk to.';
    if (!/^(wss?|https?):\/\//i.test(pin) || !URL.canParse(pin)) return 'Raw mode needs a ws://, wss://, http:// or https:// URL.';
    if (listenMs(draft) === null) return `Listen for ${LISTEN_MIN_SEC}–${LISTEN_MAX_SEC} whole seconds.`;
    return null;
  }
  if (pin && (!URL.canParse(pin) || !/^(wss?|https?):\/\//i.test(pin))) return 'The pinned target must be an http(s):// or ws(s):// URL.';
  if (!draft.message.trim()) return 'Type a message.';
  return null;
}

/** The text main will send under the journey: its template with `{message}` replaced (as main does). */
export function journeyPreview(journeys: ChatJourneyInfo[], name: string, message: string): string | null {
  const journey = journeys.find((j) => j.name === name);
  return journey ? journey.template.replaceAll('{message}', () => message) : null;
}
