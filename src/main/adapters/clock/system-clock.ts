import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { toDisposable } from '../../../shared/lifecycle/disposable.ts';
import type { Clock } from '../../core/ports/clock.port.ts';

/** The real clock: performance.now() for durations (monotonic), Date for timestamps, Node timers. */
export const systemClock: Clock = {
  now: () => performance.now(),
  date: () => new Date(),
  setTimeout(callback, ms) {
    const timer = setTimeout(callback, ms);
    return toDisposable(() => clearTimeout(timer));
  },
  sleep: (ms, signal) => sleep(ms, undefined, signal ? { signal } : undefined),
};
