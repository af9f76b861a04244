import type {
  AppApi,
  EventName,
  EventPayload,
  InvokeName,
  InvokeRequest,
  InvokeResponse,
  Result,
} from '../../../../src/shared/contract/index.ts';
import { Emitter } from '../../../../src/shared/lifecycle/emitter.ts';

type Handler<K extends InvokeName> = (request: InvokeRequest<K>) => Promise<Result<InvokeResponse<K>>> | Result<InvokeResponse<K>>;

/** An AppApi whose invokes are scripted per test and whose events the test emits by hand. */
export interface FakeAppApi {
  api: AppApi;
  handle<K extends InvokeName>(name: K, handler: Handler<K>): void;
  emit<K extends EventName>(event: K, payload: EventPayload<K>): void;
  calls: Array<{ name: InvokeName; request: unknown }>;
  listenerCount(event: EventName): number;
}

export function fakeAppApi(): FakeAppApi {
  const handlers = new Map<InvokeName, (request: unknown) => unknown>();
  const events = new Map<EventName, Emitter<unknown>>();
  const eventOf = (name: EventName): Emitter<unknown> => {
    // A listener that throws fails the test, as it would without the Emitter.
    const emitter =
      events.get(name) ??
      new Emitter<unknown>((error) => {
        throw error;
      });
    events.set(name, emitter);
    return emitter;
  };
  const calls: FakeAppApi['calls'] = [];
  const api = new Proxy({} as Record<string, unknown>, {
    get(_target, name: string) {
      if (name === 'on') {
        return (event: EventName, listener: (payload: unknown) => void) => eventOf(event).on(listener);
      }
      if (name === 'then') return undefined;
      return async (request: unknown) => {
        calls.push({ name: name as InvokeName, request });
        const handler = handlers.get(name as InvokeName);
        if (!handler) return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `no fake for ${name}` } };
        return handler(request);
      };
    },
  }) as unknown as AppApi;
  return {
    api,
    calls,
    handle(name, handler) {
      handlers.set(name, handler as (request: unknown) => unknown);
    },
    emit(event, payload) {
      eventOf(event).emit(payload);
    },
    listenerCount: (event) => events.get(event)?.listenerCount ?? 0,
  };
}

/** A promise the test settles. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}
