import { performance } from 'node:perf_hooks';
import type { Clock } from '../core/ports/clock.port.ts';

/** The real clock: performance.now() for durations (monotonic), Date for timestamps. */
export const systemClock: Clock = {
  now: () => performance.now(),
  date: () => new Date(),
};
