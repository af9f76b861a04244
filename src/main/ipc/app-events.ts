import { eventContract } from '../../shared/contract/index.ts';
import { toDisposable, type SyncDisposable } from '../../shared/lifecycle/disposable.ts';
import type { ChatService } from '../app/chat-service.ts';
import type { DiagnosisService } from '../app/diagnosis-service.ts';
import type { SupervisorService } from '../app/supervisor-service.ts';
import type { LogsService } from '../app/logs-service.ts';
import type { SmokeService } from '../app/smoke-service.ts';
import type { RepairAppService } from '../app/repair-app-service.ts';
import type { SettingsPort } from '../core/ports/settings.port.ts';

/** Sends one contract event: `webContents.send` on a live window, or serve mode's broadcast. */
export type EventSink = (channel: string, payload: unknown) => void;

/** What the app's events come from. */
export interface AppEventSources {
  diagnosis: Pick<DiagnosisService, 'onStarted' | 'onCompleted'>;
  settings: Pick<SettingsPort, 'onChange'>;
  /** The chat pane's service: its exchange and breaker events go out as `chat:event` / `chat:breaker`. */
  chat?: Pick<ChatService, 'onEvent' | 'onBreakerChange'>;
  /** The supervisor: each of its events goes out as `supervision:event`, as emitted. */
  supervisor?: Pick<SupervisorService, 'onEvent'>;
  /** Smoke runs' progress goes out as `smoke:progress`. */
  smoke?: Pick<SmokeService, 'onProgress'>;
  /** New log entries go out as `logs:entries` (the log is watched while this forwarding lives). */
  logs?: Pick<LogsService, 'onEntries'>;
  /** Repair progress goes out as `repair:progress`. */
  repair?: Pick<RepairAppService, 'onProgress'>;
}

/** Subscriptions released together, synchronously: no event slips through between two of them. */
function all(subscriptions: SyncDisposable[]): SyncDisposable {
  return toDisposable(() => {
    for (const subscription of subscriptions) subscription.dispose();
  });
}

/**
 * Forwards the chat service's events on their contract channels (`chat:event`, `chat:breaker`), one
 * contract event per exchange event: the renderer and serve mode's clients see exactly what the client
 * emitted, in order.
 */
export function forwardChatEvents(chat: Pick<ChatService, 'onEvent' | 'onBreakerChange'>, send: EventSink): SyncDisposable {
  return all([
    chat.onEvent((payload) => send(eventContract.chatEvent.channel, payload)),
    chat.onBreakerChange((change) => send(eventContract.breakerChanged.channel, change)),
  ]);
}

/**
 * Forwards every event of the app (diagnosis started/completed, settings changed, chat, supervision) to one sink on its
 * contract channel; the Electron shell and serve mode both use it. `send` is called per event, so a
 * recreated or hidden window still gets them.
 */
export function forwardAppEvents(
  { diagnosis, settings, chat, supervisor, smoke, logs, repair }: AppEventSources,
  send: EventSink,
): SyncDisposable {
  return all([
    diagnosis.onStarted((payload) => send(eventContract.diagnosisStarted.channel, payload)),
    diagnosis.onCompleted((value) => send(eventContract.diagnosisCompleted.channel, value)),
    settings.onChange((value) => send(eventContract.settingsChanged.channel, value)),
    ...(chat ? [forwardChatEvents(chat, send)] : []),
    ...(supervisor ? [supervisor.onEvent((event) => send(eventContract.supervisionEvent.channel, event))] : []),
    ...(smoke ? [smoke.onProgress((progress) => send(eventContract.smokeProgress.channel, progress))] : []),
    ...(logs ? [logs.onEntries((entries) => send(eventContract.logEntries.channel, entries))] : []),
    ...(repair ? [repair.onProgress((progress) => send(eventContract.repairProgress.channel, progress))] : []),
  ]);
}
