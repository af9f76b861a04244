import { z } from 'zod';
import {
  eventContract,
  eventNames,
  fail,
  invokeContract,
  invokeNames,
  serverFrameSchema,
  type AppApi,
  type EventName,
  type InvokeName,
  type Result,
} from '../../../shared/contract/index.ts';
import type { SyncDisposable } from '../../../shared/lifecycle/disposable.ts';
import { Emitter, type Event } from '../../../shared/lifecycle/emitter.ts';
import { backoffDelayMs } from '../../../shared/resilience/backoff.ts';

/** The subset of the WHATWG WebSocket the transport uses: the browser's, or the `ws` package's in tests. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

const OPEN = 1;

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface WsTransportOptions {
  /** `ws://host/ws?token=…`, see `wsUrlFromLocation`. */
  url: string;
  /** Opens a socket; injected so tests can pass the `ws` package's client. */
  createSocket: (url: string) => WebSocketLike;
  /** First reconnect delay in ms, doubled per failed attempt. Default 250. */
  reconnectBaseMs?: number;
  /** Ceiling of the reconnect delay in ms. Default 5000. */
  reconnectMaxMs?: number;
  /** A call with no answer after this many ms resolves to a DISCONNECTED error. Default 120000 (a diagnosis can be slow). */
  requestTimeoutMs?: number;
  /** Jitter source in [0, 1); default Math.random. Jitter is ±20% of the delay. */
  random?: () => number;
}

export interface WsTransport extends SyncDisposable {
  api: AppApi;
  /** Current state, and a subscription to its changes (for a "reconnecting…" banner). */
  state(): ConnectionState;
  readonly onStateChange: Event<ConnectionState>;
  /** Closes the socket for good and settles every pending call with DISCONNECTED. */
  dispose(): void;
}

interface Pending {
  name: InvokeName;
  resolve: (result: Result<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
  /** Not yet written to a socket (queued while connecting). */
  frame: string | null;
}

/**
 * `AppApi` over serve mode's WebSocket: request ids and a pending map, queued calls while
 * (re)connecting, reconnect with the shared capped exponential backoff, events fanned out to listeners, and every
 * result and event checked against the contract's schemas — a frame that fails its schema becomes an
 * error envelope (or is dropped, for an event), never an exception in the UI.
 */
export function createWsTransport(options: WsTransportOptions): WsTransport {
  const baseMs = options.reconnectBaseMs ?? 250;
  const maxMs = options.reconnectMaxMs ?? 5000;
  const timeoutMs = options.requestTimeoutMs ?? 120_000;
  const random = options.random ?? Math.random;

  const pending = new Map<number, Pending>();
  // A failing listener must not starve the others: the Emitter isolates each one.
  const events = new Map<EventName, Emitter<unknown>>();
  const stateChanged = new Emitter<ConnectionState>();
  let nextId = 1;
  let attempt = 0;
  let state: ConnectionState = 'connecting';
  let socket: WebSocketLike | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  const setState = (next: ConnectionState): void => {
    if (next === state) return;
    state = next;
    stateChanged.emit(next);
  };

  const settle = (id: number, result: Result<unknown>): void => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    clearTimeout(entry.timer);
    entry.resolve(result);
  };

  const flushQueue = (): void => {
    for (const entry of pending.values()) {
      if (entry.frame !== null && socket?.readyState === OPEN) {
        socket.send(entry.frame);
        entry.frame = null;
      }
    }
  };

  const onResult = (id: number | null, result: Result<unknown>): void => {
    if (id === null) return; // the server could not read one of our frames: nothing to settle
    const entry = pending.get(id);
    if (!entry) return;
    if (!result.ok) return settle(id, result);
    const parsed = invokeContract[entry.name].response.safeParse(result.value);
    if (parsed.success) return settle(id, { ok: true, value: parsed.data });
    settle(id, fail('BAD_MESSAGE', `${invokeContract[entry.name].channel}: response failed its schema: ${z.prettifyError(parsed.error)}`));
  };

  const onEvent = (channel: string, payload: unknown): void => {
    const name = eventNames.find((candidate) => eventContract[candidate].channel === channel);
    if (!name) return;
    const parsed = eventContract[name].payload.safeParse(payload);
    if (!parsed.success) return; // a malformed event is dropped: the next result or event corrects the view
    events.get(name)?.emit(parsed.data);
  };

  const onMessage = (data: unknown): void => {
    if (typeof data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const frame = serverFrameSchema.safeParse(json);
    if (!frame.success) return;
    if (frame.data.kind === 'result') onResult(frame.data.id, frame.data.result as Result<unknown>);
    else onEvent(frame.data.channel, frame.data.payload);
  };

  const scheduleReconnect = (): void => {
    const delay = backoffDelayMs(attempt, { initialMs: baseMs, maxMs, random });
    attempt += 1;
    setState('reconnecting');
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, delay);
  };

  const connect = (): void => {
    let current: WebSocketLike;
    try {
      current = options.createSocket(options.url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = current;
    current.onopen = () => {
      attempt = 0;
      setState('open');
      flushQueue();
    };
    current.onmessage = (event) => onMessage(event.data);
    current.onerror = () => undefined; // a close always follows; reconnect is decided there
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      // Calls already sent may or may not have run: tell the caller rather than guess or replay them.
      for (const [id, entry] of pending) {
        if (entry.frame === null) settle(id, fail('DISCONNECTED', 'The connection to Stack Doctor closed before it answered.'));
      }
      if (state !== 'closed') scheduleReconnect();
    };
  };

  const invoke = (name: InvokeName, request: unknown): Promise<Result<unknown>> => {
    if (state === 'closed') return Promise.resolve(fail('DISCONNECTED', 'The Stack Doctor connection is closed.'));
    return new Promise((resolve) => {
      const id = nextId++;
      const frame = JSON.stringify({ kind: 'invoke', id, channel: invokeContract[name].channel, payload: request ?? {} });
      const timer = setTimeout(
        () => settle(id, fail('DISCONNECTED', `${invokeContract[name].channel}: no answer within ${timeoutMs} ms.`)),
        timeoutMs,
      );
      pending.set(id, { name, resolve, timer, frame });
      flushQueue();
    });
  };

  const api: Record<string, unknown> = {};
  for (const name of invokeNames) api[name] = (request?: unknown) => invoke(name, request);
  api.on = (event: EventName, listener: (payload: unknown) => void): SyncDisposable => {
    let emitter = events.get(event);
    if (!emitter) events.set(event, (emitter = new Emitter<unknown>()));
    return emitter.on(listener);
  };

  connect();

  return {
    api: api as AppApi,
    state: () => state,
    onStateChange: stateChanged.event,
    dispose() {
      if (state === 'closed') return;
      setState('closed');
      if (reconnectTimer) clearTimeout(reconnectTimer);
      const current = socket;
      socket = null;
      current?.close(1000, 'client closed');
      for (const id of [...pending.keys()]) settle(id, fail('DISCONNECTED', 'The Stack Doctor connection is closed.'));
      stateChanged.dispose();
      for (const emitter of events.values()) emitter.dispose();
    },
  };
}
