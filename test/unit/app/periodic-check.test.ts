import { describe, expect, it, vi } from 'vitest';
import { createPeriodicCheck } from '../../../src/main/app/periodic-check.ts';
import { FakeClock } from '../support/fake-clock.ts';

describe('createPeriodicCheck', () => {
  it('runs once per interval and reads the interval on each scheduling', async () => {
    const clock = new FakeClock();
    let interval = 30;
    const run = vi.fn(async () => undefined);
    const check = createPeriodicCheck({ clock, intervalSec: () => interval, run, busy: () => false, onError: () => undefined });
    await clock.advance(29_999);
    expect(run).toHaveBeenCalledTimes(0);
    await clock.advance(1);
    expect(run).toHaveBeenCalledTimes(1);
    interval = 5;
    check.reset();
    await clock.advance(5_000);
    expect(run).toHaveBeenCalledTimes(2);
    check.dispose();
  });

  it('postpones the next run when reset (a diagnosis completed elsewhere)', async () => {
    const clock = new FakeClock();
    const run = vi.fn(async () => undefined);
    const check = createPeriodicCheck({ clock, intervalSec: () => 10, run, busy: () => false, onError: () => undefined });
    await clock.advance(9_000);
    check.reset();
    await clock.advance(9_000);
    expect(run).toHaveBeenCalledTimes(0);
    await clock.advance(1_000);
    expect(run).toHaveBeenCalledTimes(1);
    check.dispose();
  });

  it('skips while busy, survives a failing run, and stops after dispose', async () => {
    const clock = new FakeClock();
    let busy = true;
    const errors: unknown[] = [];
    const run = vi.fn(async () => {
      throw new Error('boom');
    });
    const check = createPeriodicCheck({ clock, intervalSec: () => 10, run, busy: () => busy, onError: (error) => errors.push(error) });
    await clock.advance(10_000);
    expect(run).toHaveBeenCalledTimes(0);
    busy = false;
    await clock.advance(10_000);
    await clock.advance(10_000);
    expect(run).toHaveBeenCalledTimes(2);
    expect(errors).toHaveLength(2);
    check.dispose();
    await clock.advance(60_000);
    expect(run).toHaveBeenCalledTimes(2);
    expect(clock.pending).toBe(0);
  });
});
