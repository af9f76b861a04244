import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRefreshTimer } from '../../../src/main/shell/refresh-timer.ts';

describe('createRefreshTimer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once per interval and reads the interval on each scheduling', async () => {
    let interval = 30;
    const run = vi.fn(async () => undefined);
    const timer = createRefreshTimer({ intervalSec: () => interval, run, busy: () => false });
    await vi.advanceTimersByTimeAsync(29_999);
    expect(run).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(1);
    interval = 5;
    timer.reset();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(run).toHaveBeenCalledTimes(2);
    timer.dispose();
  });

  it('postpones the next run when reset (a diagnosis completed elsewhere)', async () => {
    const run = vi.fn(async () => undefined);
    const timer = createRefreshTimer({ intervalSec: () => 10, run, busy: () => false });
    await vi.advanceTimersByTimeAsync(9_000);
    timer.reset();
    await vi.advanceTimersByTimeAsync(9_000);
    expect(run).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(run).toHaveBeenCalledTimes(1);
    timer.dispose();
  });

  it('skips while busy, survives a failing run, and stops after dispose', async () => {
    let busy = true;
    const run = vi.fn(async () => {
      throw new Error('boom');
    });
    const timer = createRefreshTimer({ intervalSec: () => 10, run, busy: () => busy });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(run).toHaveBeenCalledTimes(0);
    busy = false;
    await vi.advanceTimersByTimeAsync(10_000);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(run).toHaveBeenCalledTimes(2);
    timer.dispose();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run).toHaveBeenCalledTimes(2);
    expect(vi.getTimerCount()).toBe(0);
  });
});
