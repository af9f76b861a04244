/**
 * One request shared by the callers that ask while it is in flight; the next caller after it settles starts a
 * new one (nothing is cached). A diagnosis lists the engine's networks and its containers at once, and the
 * container listing needs the networks' labels too: one `GET /networks` answers both. The shared request has its
 * own abort signal, aborted only when every caller waiting on it has given up, so one caller's deadline never
 * cuts another's answer short.
 */
export class InFlightRequest<T> {
  private current: { promise: Promise<T>; controller: AbortController; waiting: number } | undefined;

  constructor(private readonly start: (signal: AbortSignal) => Promise<T>) {}

  /** The answer of the request in flight, or of a new one; rejects with `signal.reason` once `signal` aborts. */
  get(signal: AbortSignal): Promise<T> {
    if (signal.aborted) return Promise.reject(signal.reason);
    let entry = this.current;
    if (!entry) {
      const controller = new AbortController();
      const started = { promise: this.start(controller.signal), controller, waiting: 0 };
      const forget = (): void => {
        if (this.current === started) this.current = undefined;
      };
      started.promise.then(forget, forget);
      this.current = entry = started;
    }
    const shared = entry;
    shared.waiting += 1;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const onAbort = (): void => {
        if (settled) return;
        settled = true;
        shared.waiting -= 1;
        if (shared.waiting === 0) {
          if (this.current === shared) this.current = undefined;
          shared.controller.abort();
        }
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const finish = (): void => {
        settled = true;
        signal.removeEventListener('abort', onAbort);
      };
      shared.promise.then(
        (value) => {
          if (settled) return;
          finish();
          resolve(value);
        },
        (error: unknown) => {
          if (settled) return;
          finish();
          reject(error);
        },
      );
    });
  }
}
