import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SupervisionEvent } from '../../../src/shared/model/index.ts';
import { startRedis, type RedisServer } from '../protocols/support/redis-server.ts';
import { createDockerFixture } from '../support/docker-fixture.ts';
import { stackUnderTest } from './support/stack.ts';
import { entered, plan, startWatch, type WatchProcess } from './support/watch-process.ts';

/** `watch --json` against the real engine, reading heartbeats from a real redis-server on loopback. */
const fixture = createDockerFixture();
let redis: RedisServer;
const watches: WatchProcess[] = [];

beforeAll(async () => {
  redis = await startRedis({ password: 'hb-w4tch-pass' });
});

afterEach(async () => {
  for (const w of watches.splice(0)) {
    await w.stop();
    expect(w.invalid).toEqual([]);
    expect(w.stderr()).not.toContain('hb-w4tch-pass');
  }
});

afterAll(async () => {
  await redis?.stop();
});

const heartbeat = (service: string, status: string) => (e: SupervisionEvent) =>
  e.type === 'heartbeat' && e.service === service && e.status === status;

describe('watch: Redis heartbeats as a health source', () => {
  it('fresh → healthy and left alone; stale or missing → unavailable and a restart planned; shutting_down → left alone', async () => {
    const app = fixture.unique('app');
    const beat = (status: string, ageMs = 0) => JSON.stringify({ status, timestamp: new Date(Date.now() - ageMs).toISOString() });
    await redis.cli('SET', `service:heartbeat:api:${app}`, beat('healthy'), 'EX', '90');
    await redis.cli('SET', `service:heartbeat:worker:${app}`, beat('healthy', 120_000), 'EX', '90'); // stale: 2 min old
    await redis.cli('SET', `service:heartbeat:jobs:${app}`, beat('shutting_down'), 'EX', '90');
    // cron is expected (listed) but never wrote a key: missing.
    const config = [
      'heartbeats:',
      `  redisUrl: redis://:hb-w4tch-pass@127.0.0.1:${redis.port}/0`,
      `  appId: ${app}`,
      '  services: [api, worker, jobs, cron]',
      'recovery:',
      '  probeIntervalMs: 500',
      '  defaults:',
      '    startGraceMs: 1500',
      '    stopTimeoutSec: 1',
      '    initialDelayMs: 5000',
      '',
    ].join('\n');
    const stack = await stackUnderTest(fixture, 'hbeat', config);
    for (const name of ['api', 'worker', 'jobs', 'cron']) await stack.service(name, { cmd: ['sleep', '3600'] });
    const w = startWatch(stack.ws);
    watches.push(w);
    await w.waitFor((e) => e.type === 'supervision' && e.state === 'started', 40_000, 'started');

    await w.waitFor(heartbeat('api', 'healthy'), 10_000, 'api beats');
    await w.waitFor(heartbeat('worker', 'stale'), 10_000, 'worker stale');
    await w.waitFor(heartbeat('cron', 'missing'), 10_000, 'cron missing');
    await w.waitFor(heartbeat('jobs', 'shutting_down'), 10_000, 'jobs shutting down');

    for (const service of ['worker', 'cron']) {
      const down = await w.waitFor(entered(service, 'unavailable'), 10_000, `${service} unavailable`);
      expect(down).toMatchObject({ reason: 'heartbeat missing or expired' });
      const planned = await w.waitFor(plan(service, 'SCHEDULED'), 10_000, `${service} restart planned`);
      expect(planned).toMatchObject({ action: { kind: 'restart' }, attempt: 1 });
    }
    await w.waitFor(entered('api', 'healthy'), 10_000, 'api healthy');
    // Three more heartbeat rounds after the grace: nothing for api or jobs.
    await new Promise((done) => setTimeout(done, 2000));
    expect(w.events.filter((e) => e.type === 'recovery' && (e.service === 'api' || e.service === 'jobs'))).toEqual([]);
    expect(w.events.some((e) => e.type === 'service-state' && e.service === 'jobs' && e.state === 'unavailable')).toBe(false);
    // One event per change, not per read.
    expect(w.events.filter(heartbeat('api', 'healthy'))).toHaveLength(1);
  });
});
