import type {
  DoctorApi,
  EventName,
  EventPayload,
  InvokeName,
  InvokeRequest,
  InvokeResponse,
  Result,
} from '../../../../src/shared/contract/index.ts';

type Handler<K extends InvokeName> = (request: InvokeRequest<K>) => Promise<Result<InvokeResponse<K>>> | Result<InvokeResponse<K>>;

/** A DoctorApi whose invokes are scripted per test and whose events the test emits by hand. */
export interface FakeDoctorApi {
  api: DoctorApi;
  handle<K extends InvokeName>(name: K, handler: Handler<K>): void;
  emit<K extends EventName>(event: K, payload: EventPayload<K>): void;
  calls: Array<{ name: InvokeName; request: unknown }>;
  listenerCount(event: EventName): number;
}

export function fakeDoctorApi(): FakeDoctorApi {
  const handlers = new Map<InvokeName, (request: unknown) => unknown>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const calls: FakeDoctorApi['calls'] = [];
  const api = new Proxy({} as Record<string, unknown>, {
    get(_target, name: string) {
      if (name === 'on') {
        return (event: EventName, listener: (payload: unknown) => void) => {
          const set = listeners.get(event) ?? new Set();
          listeners.set(event, set);
          set.add(listener);
          return () => set.delete(listener);
        };
      }
      if (name === 'then') return undefined;
      return async (request: unknown) => {
        calls.push({ name: name as InvokeName, request });
        const handler = handlers.get(name as InvokeName);
        if (!handler) return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `no fake for ${name}` } };
        return handler(request);
      };
    },
  }) as unknown as DoctorApi;
  return {
    api,
    calls,
    handle(name, handler) {
      handlers.set(name, handler as (request: unknown) => unknown);
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
  };
}

/** A promise the test settles. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}
