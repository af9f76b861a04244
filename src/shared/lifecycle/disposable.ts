/**
 * Everything long-lived (a subscription, a timer, a server, a watcher) hands back a Disposable. `dispose()`
 * is idempotent; it may be async when releasing takes I/O (closing a server, ending a client).
 */
export interface Disposable {
  dispose(): void | Promise<void>;
}

/** A Disposable whose `dispose()` is synchronous: a listener removal, a cleared timer. */
export interface SyncDisposable extends Disposable {
  dispose(): void;
}

/** Wraps a release function; calling `dispose()` more than once runs it once. */
export function toDisposable(release: () => void): SyncDisposable;
export function toDisposable(release: () => void | Promise<void>): Disposable;
export function toDisposable(release: () => void | Promise<void>): Disposable {
  let done = false;
  return {
    dispose() {
      if (done) return;
      done = true;
      return release();
    },
  };
}

/**
 * The disposables of one owner. `dispose()` releases them in reverse order of addition (what was built last
 * goes first), awaiting each, so shutdown is ordered; a failing release does not stop the others, and the
 * failures are reported together at the end. Adding to a disposed store disposes the newcomer at once.
 */
export class DisposableStore implements Disposable {
  private readonly items: Disposable[] = [];
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  add<T extends Disposable>(item: T): T {
    if (this.disposed) void Promise.resolve(item.dispose()).catch(() => undefined);
    else this.items.push(item);
    return item;
  }

  /** Shorthand for `add(toDisposable(release))`. */
  defer(release: () => void | Promise<void>): void {
    this.add(toDisposable(release));
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const errors: unknown[] = [];
    for (const item of this.items.splice(0).reverse()) {
      try {
        await item.dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} disposables failed`);
  }
}
