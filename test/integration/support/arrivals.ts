/**
 * What arrives over time (events read from a stream or from a child's stdout), and waits for one of it: after
 * pushing into `items`, the reader calls `wake()`; `waitFor` settles with the first item at or after index `from`
 * that matches, or rejects after `withinMs` with the message `timedOut()` gives then.
 */
export class Arrivals<T> {
  readonly items: T[] = [];
  private readonly waiters = new Set<() => void>();

  /** Lets every waiter look again (after one push or several). */
  wake(): void {
    for (const wake of [...this.waiters]) wake();
  }

  waitFor(predicate: (item: T) => boolean, withinMs: number, timedOut: () => string, from = 0): Promise<T> {
    return new Promise((done, fail) => {
      const find = (): boolean => {
        const found = this.items.slice(from).find(predicate);
        if (found === undefined) return false;
        cleanup();
        done(found);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        fail(new Error(timedOut()));
      }, withinMs);
      const wake = (): void => void find();
      const cleanup = (): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
      };
      if (!find()) this.waiters.add(wake);
    });
  }
}
