import type { AppInfo } from '../../shared/contract/index.ts';
import type { SyncDisposable } from '../../shared/lifecycle/disposable.ts';
import { forwardAppEvents, type EventSink } from '../ipc/app-events.ts';
import type { Handlers } from '../ipc/dispatch.ts';
import { createHandlers } from '../ipc/handlers.ts';
import type { App, AppServices } from './app.ts';

/** What a face tells the contract about itself. */
export interface FaceInfo {
  /** Answered by `getAppInfo`; its `workspace` is read on every call that names none (a getter may follow settings). */
  appInfo: AppInfo;
  /** Serve mode: the same-origin path that downloads a written bundle; absent in Electron. */
  downloadPath?: (fileName: string) => string;
}

/** The app behind the contract: what a face wraps in its transport (IPC, serve's WebSocket). */
export interface AppContract {
  /** Every contract call, answered by the app's services; a face may guard some before its dispatcher. */
  handlers: Handlers;
  /** Sends every event of the app on its contract channel to `send`, until disposed. */
  forwardEvents(send: EventSink): SyncDisposable;
}

/**
 * The one place that hands the app's services to the contract's handlers and event forwarding, so a new service
 * is wired here and in `AppServices`, never in a face.
 */
export function createAppContract(app: Pick<App, 'settings'>, services: AppServices, face: FaceInfo): AppContract {
  const { settings } = app;
  const { diagnosis, chat, supervisor, smoke, logs, bundle, repair } = services;
  const { appInfo, downloadPath } = face;
  const handlers = createHandlers({
    diagnosis,
    settings,
    appInfo,
    chat,
    supervisor,
    repair,
    smoke: { smoke, logs, bundle, workspace: () => appInfo.workspace, ...(downloadPath ? { downloadPath } : {}) },
  });
  return {
    handlers,
    forwardEvents: (send) => forwardAppEvents({ diagnosis, settings, chat, supervisor, smoke, logs, repair }, send),
  };
}
