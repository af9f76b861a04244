import type { WatchProcess } from './watch-process.ts';

/** Supervision started and the event stream is open (events before it would only be caught by the reconcile). */
export async function ready(w: WatchProcess, withinMs = 60_000): Promise<void> {
  await w.waitFor((e) => e.type === 'supervision' && e.state === 'started', withinMs, 'started');
  await w.waitFor((e) => e.type === 'engine' && e.state === 'connected', 10_000, 'engine connected');
}

/** Lets the engine and the watcher run for `ms` where the test asserts that nothing happens. */
export const quietFor = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));
