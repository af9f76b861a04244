import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExchangeDeadline, type ExpiryListener } from '../../../../src/main/adapters/resilience/exchange-deadline.ts';

function listener(): ExpiryListener & { calls: number } {
  const l = {
    calls: 0,
    expired(): void {
      l.calls += 1;
    },
  };
  return l;
}

describe('ExchangeDeadline', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('tells its listener once when the budget runs out, counted from start()', () => {
    const deadline = new ExchangeDeadline(100);
    const l = listener();
    deadline.listen(l);
    vi.advanceTimersByTime(500);
    expect(l.calls).toBe(0);
    expect(deadline.expired).toBe(false);

    deadline.start();
    vi.advanceTimersByTime(99);
    expect(l.calls).toBe(0);
    vi.advanceTimersByTime(1);
    expect(l.calls).toBe(1);
    expect(deadline.expired).toBe(true);
    deadline.expire();
    vi.advanceTimersByTime(1000);
    expect(l.calls).toBe(1);
  });

  it('a listener set after expiry is told at once', () => {
    const deadline = new ExchangeDeadline(10);
    deadline.start();
    vi.advanceTimersByTime(10);
    const l = listener();
    deadline.listen(l);
    expect(l.calls).toBe(1);
  });

  it('clear() stops the timer: nothing expires afterwards', () => {
    const deadline = new ExchangeDeadline(10);
    const l = listener();
    deadline.listen(l);
    deadline.start();
    deadline.clear();
    vi.advanceTimersByTime(100);
    expect(l.calls).toBe(0);
    expect(deadline.expired).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('unlisten() removes only the current listener: a retry that took over keeps listening', () => {
    const deadline = new ExchangeDeadline(10);
    const first = listener();
    const retry = listener();
    deadline.listen(first);
    deadline.listen(retry);
    deadline.unlisten(first);
    deadline.start();
    vi.advanceTimersByTime(10);
    expect(first.calls).toBe(0);
    expect(retry.calls).toBe(1);

    const other = new ExchangeDeadline(10);
    const gone = listener();
    other.listen(gone);
    other.unlisten(gone);
    other.start();
    vi.advanceTimersByTime(10);
    expect(gone.calls).toBe(0);
    expect(other.expired).toBe(true);
  });
});
