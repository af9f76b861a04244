import { toDisposable, type SyncDisposable } from '../../../src/shared/lifecycle/disposable.ts';
import type { Clock } from '../../../src/main/core/ports/clock.port.ts';

interface Timer {
  at: number;
  seq: number;
  callback: () => void;
}

/**
 * A Clock that moves only when told: `advance(ms)` runs every timer due on the way, in due order (ties in
 * creation order), with `now()` set to each timer's due time while it runs. Promises resolved by a timer
 * settle on `await clock.advance(…)`, which yields to the microtask queue after each timer.
 */
export class FakeClock implements Clock {
  private current: number;
  private readonly epoch: number;
  private seq = 0;
  private readonly timers = new Set<Timer>();

  constructor(start = 0, epoch = Date.parse('2026-01-01T00:00:00Z')) {
    this.current = start;
    this.epoch = epoch;
  }

  now(): number {
    return this.current;
  }

  date(): Date {
    return new Date(this.epoch + this.current);
  }

  setTimeout(callback: () => void, ms: number): SyncDisposable {
    const timer: Timer = { at: this.current + Math.max(0, ms), seq: this.seq++, callback };
    this.timers.add(timer);
    return toDisposable(() => {
      this.timers.delete(timer);
    });
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const handle = this.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        handle.dispose();
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Timers not yet run. */
  get pending(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, running each timer that falls due (and any they schedule within the span). */
  async advance(ms: number): Promise<void> {
    const end = this.current + ms;
    for (;;) {
      await flushMicrotasks();
      const next = this.nextDue();
      if (!next || next.at > end) break;
      this.timers.delete(next);
      this.current = next.at;
      next.callback();
    }
    this.current = end;
    await flushMicrotasks();
  }

  private nextDue(): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers) if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    return best;
  }
}

async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
