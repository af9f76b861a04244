import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../../../../src/shared/resilience/backoff.ts';

describe('backoffDelayMs', () => {
  const mid = () => 0.5;

  it('doubles from the initial delay up to the ceiling', () => {
    const delays = [0, 1, 2, 3, 4, 5, 10].map((attempt) => backoffDelayMs(attempt, { initialMs: 250, maxMs: 5000, random: mid }));
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
  });

  it('spreads each delay by ±jitter (20% by default), rounded to whole ms', () => {
    const options = { initialMs: 1000, maxMs: 5000 };
    expect(backoffDelayMs(0, { ...options, random: () => 0 })).toBe(800);
    expect(backoffDelayMs(0, { ...options, random: () => 0.999_999 })).toBe(1200);
    expect(backoffDelayMs(2, { ...options, jitter: 0.5, random: () => 0 })).toBe(2000);
    expect(backoffDelayMs(0, { initialMs: 3, maxMs: 10, jitter: 0, random: () => 0.7 })).toBe(3);
  });
});
