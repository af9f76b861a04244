import type { Result } from './envelope.ts';
import type { EventName, EventPayload, InvokeName, InvokeRequest, InvokeResponse } from './channels.ts';

export type Unsubscribe = () => void;

/**
 * What the renderer sees, identical over Electron IPC (preload's `window.api`) and serve mode's WebSocket:
 * one named function per invoke channel, and `on(event, listener)`.
 */
export type DoctorApi = {
  [K in InvokeName]: (request: InvokeRequest<K>) => Promise<Result<InvokeResponse<K>>>;
} & {
  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): Unsubscribe;
};
