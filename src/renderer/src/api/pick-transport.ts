import type { AppApi } from '../../../shared/contract/index.ts';
import type { Event } from '../../../shared/lifecycle/emitter.ts';
import { createWsTransport, type ConnectionState, type WebSocketLike } from './ws-transport.ts';
import { wsUrlFromLocation } from './ws-url.ts';

/** What the app gets at start: the api, and the connection state when the transport has one. */
export interface PickedTransport {
  kind: 'electron' | 'websocket';
  api: AppApi;
  /** Serve mode only: the socket's state for a "reconnecting…" banner. */
  connection?: {
    state(): ConnectionState;
    readonly onStateChange: Event<ConnectionState>;
  };
}

/**
 * Electron's preload exposes `window.api`; without it we run in a browser served by `stack-doctor serve`
 * and talk the same contract over the page origin's WebSocket.
 */
export function pickTransport(): PickedTransport {
  if (window.api) return { kind: 'electron', api: window.api };
  const transport = createWsTransport({
    url: wsUrlFromLocation(window.location),
    createSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
  });
  window.addEventListener('pagehide', () => transport.dispose(), { once: true });
  return { kind: 'websocket', api: transport.api, connection: transport };
}
