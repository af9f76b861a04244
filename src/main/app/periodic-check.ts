import type { SyncDisposable } from '../../shared/lifecycle/disposable.ts';
import type { Clock } from '../core/ports/clock.port.ts';

export interface PeriodicCheckOptions {
  clock: Clock;
  /** The interval in seconds (`settings.refreshIntervalSec`), read at every scheduling so a change applies. */
  intervalSec: () => number;
  /** Runs one diagnosis. A rejection goes to `onError` and the next run is still scheduled. */
  run: () => Promise<unknown>;
  /** True while a diagnosis runs, whoever started it: a tick then skips, and the end of that run reschedules. */
  busy: () => boolean;
  onError: (error: unknown) => void;
}

export interface PeriodicCheck extends SyncDisposable {
  /** Restarts the countdown: when any diagnosis ends (a manual check postpones the next one) or settings change. */
  reset(): void;
}

/**
 * The one periodic check of the main process: a diagnosis `intervalSec` after the last one ended, so a check
 * from a page or the tray postpones the next automatic one instead of doubling it. Time comes from the Clock
 * port, so it is tested with a fake clock.
 */
export function createPeriodicCheck({ clock, intervalSec, run, busy, onError }: PeriodicCheckOptions): PeriodicCheck {
  let timer: SyncDisposable | null = null;
  let disposed = false;

  const schedule = (): void => {
    timer?.dispose();
    timer = null;
    if (disposed) return;
    timer = clock.setTimeout(() => void tick(), Math.max(1, intervalSec()) * 1000);
  };
  const tick = async (): Promise<void> => {
    timer = null;
    if (!busy()) {
      try {
        await run();
      } catch (error) {
        onError(error);
      }
    }
    schedule();
  };

  schedule();
  return {
    reset: schedule,
    dispose: () => {
      disposed = true;
      timer?.dispose();
      timer = null;
    },
  };
}
