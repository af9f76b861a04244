import { toDisposable, type SyncDisposable } from '../../../../../src/shared/lifecycle/disposable.ts';
import type { Clock } from '../../../../../src/main/core/ports/clock.port.ts';
import { FakeClock } from '../../../support/fake-clock.ts';

const drainMicrotasks = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The FakeClock, moved timer by timer with the microtask queue drained in between. FakeClock.advance gives 10
 * microtask turns after each timer before it jumps to the next one; a recovery attempt's chain of awaits (action
 * port → deadline race → verification) needs a few more, so under a long advance the clock would run ahead of it.
 * Here every timer's consequences settle before time moves on; the times themselves are still the FakeClock's.
 */
export class SettlingClock implements Clock {
  readonly fake: FakeClock;
  private readonly dues = new Map<number, number>();
  private ids = 0;

  constructor(start = 0) {
    this.fake = new FakeClock(start);
  }

  now(): number {
    return this.fake.now();
  }

  date(): Date {
    return this.fake.date();
  }

  setTimeout(callback: () => void, ms: number): SyncDisposable {
    const id = this.ids++;
    this.dues.set(id, this.fake.now() + Math.max(0, ms));
    const handle = this.fake.setTimeout(() => {
      this.dues.delete(id);
      callback();
    }, ms);
    return toDisposable(() => {
      this.dues.delete(id);
      handle.dispose();
    });
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = (): void => {
        handle.dispose();
        reject(signal?.reason);
      };
      const handle = this.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  get pending(): number {
    return this.dues.size;
  }

  async advance(ms: number): Promise<void> {
    const end = this.fake.now() + ms;
    for (;;) {
      await drainMicrotasks();
      const next = Math.min(...this.dues.values());
      if (!(next <= end)) break;
      await this.fake.advance(Math.max(0, next - this.fake.now()));
    }
    await this.fake.advance(end - this.fake.now());
    await drainMicrotasks();
  }
}
