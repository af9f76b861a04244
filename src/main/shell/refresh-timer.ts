export interface RefreshTimerOptions {
  /** Current refresh interval in seconds (read on every scheduling, so settings changes apply). */
  intervalSec: () => number;
  /** Runs one diagnosis; a rejection is swallowed and the next run is still scheduled. */
  run: () => Promise<unknown>;
  /** True while a diagnosis is already running (from any source): the tick then skips and waits. */
  busy: () => boolean;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface RefreshTimer {
  /** Restarts the countdown: call it when a diagnosis completes, whoever started it, or settings change. */
  reset(): void;
  dispose(): void;
}

/**
 * Background refresh for the tray: one diagnosis every `intervalSec` after the last completed one, so
 * a check from the window or the tray postpones the next automatic one instead of doubling it.
 */
export function createRefreshTimer({
  intervalSec,
  run,
  busy,
  setTimer = (callback, ms) => setTimeout(callback, ms),
  clearTimer = (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}: RefreshTimerOptions): RefreshTimer {
  let handle: unknown;
  let disposed = false;

  const clear = (): void => {
    if (handle !== undefined) clearTimer(handle);
    handle = undefined;
  };
  const schedule = (): void => {
    clear();
    if (disposed) return;
    handle = setTimer(() => void tick(), Math.max(1, intervalSec()) * 1000);
  };
  const tick = async (): Promise<void> => {
    handle = undefined;
    if (!busy()) {
      try {
        await run();
      } catch {
        // The doctor logs its own failures; a failed background run must not stop the next one.
      }
    }
    schedule();
  };

  schedule();
  return {
    reset: schedule,
    dispose: () => {
      disposed = true;
      clear();
    },
  };
}
