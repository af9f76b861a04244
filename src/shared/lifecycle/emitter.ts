import type { SyncDisposable } from './disposable.ts';
import { toDisposable } from './disposable.ts';

/** Subscribes a listener; the returned Disposable unsubscribes it. */
export type Event<T> = (listener: (value: T) => void) => SyncDisposable;

/**
 * One typed event. `on` returns a Disposable; `emit` calls every listener present when it starts, and a
 * listener that throws is reported to `onListenerError` (default: ignored) without stopping the others.
 */
export class Emitter<T> implements SyncDisposable {
  private readonly listeners = new Set<(value: T) => void>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  /** The subscribe function alone, to expose without `emit`. */
  readonly event: Event<T> = (listener) => this.on(listener);

  on(listener: (value: T) => void): SyncDisposable {
    // A wrapper per subscription, so one function subscribed twice is two subscriptions.
    const entry = (value: T): void => listener(value);
    this.listeners.add(entry);
    return toDisposable(() => {
      this.listeners.delete(entry);
    });
  }

  emit(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Removes every listener. */
  dispose(): void {
    this.listeners.clear();
  }
}
