import { describe, expect, it } from 'vitest';
import { createBackoff } from '../../../../src/main/adapters/resilience/resilience-policies.ts';
import { backoffDelayMs } from '../../../../src/shared/resilience/backoff.ts';

describe('createBackoff', () => {
  it("drives cockatiel's ExponentialBackoff with the shared formula, attempt by attempt", () => {
    const options = { initialMs: 100, maxMs: 1000, random: () => 0.25 };
    const durations: number[] = [];
    let backoff = createBackoff(options).next();
    for (let i = 0; i < 6; i++) {
      durations.push(backoff.duration);
      backoff = backoff.next(undefined);
    }
    expect(durations).toEqual([0, 1, 2, 3, 4, 5].map((attempt) => backoffDelayMs(attempt, options)));
    expect(durations).toEqual([90, 180, 360, 720, 900, 900]);
  });
});
