import { describe, expect, it } from 'vitest';
import { componentChecks } from '../../../src/main/app/supervision/health-checks.ts';

describe("a health body's checks as components", () => {
  it('maps words, booleans and objects with a status and a message', () => {
    expect(
      componentChecks({
        redis: 'ok',
        cache: true,
        search: false,
        db: { status: 'unhealthy', error: 'connect ECONNREFUSED postgres://app:hunter2@db:5432/app' },
        queue: { healthy: true, latencyMs: 3 },
        mail: { latencyMs: 3 },
      }),
    ).toEqual([
      { component: 'redis', status: 'ok' },
      { component: 'cache', status: 'healthy' },
      { component: 'search', status: 'unhealthy' },
      { component: 'db', status: 'unhealthy', detail: expect.not.stringContaining('hunter2') as string },
      { component: 'queue', status: 'healthy' },
      { component: 'mail', status: 'unknown' },
    ]);
  });

  it('takes an array of named components, bounds the list and the texts, and ignores what is not a map', () => {
    expect(componentChecks([{ name: 'db', state: 'up', message: 'x'.repeat(500) }, { status: 'ok' }])).toEqual([
      { component: 'db', status: 'up', detail: `${'x'.repeat(199)}…` },
      { component: '1', status: 'ok' },
    ]);
    expect(componentChecks(Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`c${i}`, 'ok'])))).toHaveLength(50);
    expect(componentChecks('ok')).toEqual([]);
    expect(componentChecks(null)).toEqual([]);
  });
});
