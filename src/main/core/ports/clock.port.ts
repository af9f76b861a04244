import type { SyncDisposable } from '../../../shared/lifecycle/disposable.ts';

/**
 * Time, injected so backoff, grace periods, intervals and timeouts are tested with a fake clock instead of
 * sleeping. The system clock is adapters/clock/system-clock.ts; tests use test/unit/support/fake-clock.ts.
 */
export interface Clock {
  /** Monotonic milliseconds, for measuring durations. */
  now(): number;
  /** Wall-clock time, for timestamps. */
  date(): Date;
  /** Runs `callback` once after `ms`; disposing the handle cancels it. */
  setTimeout(callback: () => void, ms: number): SyncDisposable;
  /** Resolves after `ms`; rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
