import type { SyncDisposable } from '../lifecycle/disposable.ts';
import type { Result } from './envelope.ts';
import type { EventName, EventPayload, InvokeName, InvokeRequest, InvokeResponse } from './channels.ts';

/**
 * The app's API as the renderer sees it, identical over Electron IPC (preload's `window.api`) and serve mode's
 * WebSocket: one named function per invoke channel, and `on(event, listener)`, whose Disposable unsubscribes.
 */
export type AppApi = {
  [K in InvokeName]: (request: InvokeRequest<K>) => Promise<Result<InvokeResponse<K>>>;
} & {
  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): SyncDisposable;
};
