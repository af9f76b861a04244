import type { Logger } from '../core/ports/logger.port.ts';

/** Listeners of one event; a throwing listener is logged and does not stop the others. */
export class ListenerSet<T> {
  private readonly listeners = new Set<(value: T) => void>();

  constructor(private readonly logger: Logger) {}

  /** Returns the unsubscribe function. */
  add(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        this.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'doctor listener failed');
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
