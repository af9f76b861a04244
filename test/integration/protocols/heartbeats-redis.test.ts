import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/main/adapters/clock/system-clock.ts';
import { createRedisHeartbeatStore } from '../../../src/main/adapters/protocols/redis-heartbeat-store.adapter.ts';
import { readHeartbeats } from '../../../src/main/core/protocols/heartbeat.reader.ts';
import { parseRedisUrl, type RedisEndpoint } from '../../../src/main/core/protocols/redis-url.parser.ts';
import { closedPort, eventually, startSilentServer } from '../adapters/network/local-servers.ts';
import { startRedis, type RedisServer } from './support/redis-server.ts';

const PASSWORD = 'hb-S3cret-7d1';
const APP = 'bannou';
let redis: RedisServer;

function endpoint(url: string): RedisEndpoint {
  const parsed = parseRedisUrl(url);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.endpoint;
}

const beat = (status: string, ageMs = 0): string =>
  JSON.stringify({ status, timestamp: new Date(Date.now() - ageMs).toISOString(), capacity: { maxConnections: 100 } });

beforeAll(async () => {
  redis = await startRedis({ password: PASSWORD });
  // Written by redis-cli, an independent client, into database 2, with the writers' 90 s TTL.
  const set = (key: string, value: string, ...ttl: string[]) =>
    redis.cli('-n', '2', 'SET', key, value, ...(ttl.length ? ttl : ['EX', '90']));
  await set(`service:heartbeat:auth:${APP}`, beat('healthy'));
  await set(`service:heartbeat:accounts:${APP}`, beat('degraded', 5_000));
  await set(`service:heartbeat:behavior:${APP}`, beat('shutting_down'));
  await set(`service:heartbeat:matchmaking:${APP}`, beat('healthy', 120_000)); // old timestamp: stale
  await set(`service:heartbeat:auth:npc-omega-01`, beat('healthy')); // another app
  await set(`service:heartbeat:leaderboard:${APP}`, beat('healthy'), 'PX', '150'); // short TTL: gone soon
  // Many keys of other apps, so the listing takes several SCAN cursors.
  await redis.cli('-n', '2', 'EVAL', "for i=1,1500 do redis.call('SET','service:heartbeat:svc'..i..':other-app','{}') end return 1", '0');
});

afterAll(async () => {
  await redis?.stop();
});

describe('heartbeats from a real Redis', () => {
  it('fresh, degraded, shutting_down, stale, expired and never-written, for this app only', async () => {
    await waitForExpiry(`service:heartbeat:leaderboard:${APP}`);
    const store = createRedisHeartbeatStore(endpoint(`redis://:${PASSWORD}@127.0.0.1:${redis.port}/2`));
    const report = await readHeartbeats(store, systemClock, {
      appId: APP,
      serviceIds: ['auth', 'accounts', 'behavior', 'matchmaking', 'leaderboard', 'inventory'],
      timeoutMs: 3000,
    });
    expect(report.ok).toBe(true);
    expect(report.verdicts.map((v) => [v.serviceId, v.appId, v.availability, v.reason, v.status])).toEqual([
      ['accounts', APP, 'available', 'fresh', 'degraded'],
      ['auth', APP, 'available', 'fresh', 'healthy'],
      ['behavior', APP, 'leave-alone', 'shutting-down', 'shutting_down'],
      ['inventory', APP, 'unavailable', 'missing', undefined],
      ['leaderboard', APP, 'unavailable', 'missing', undefined],
      ['matchmaking', APP, 'unavailable', 'stale', 'healthy'],
    ]);
    expect(report.verdicts.find((v) => v.serviceId === 'auth')).toMatchObject({ capacity: { maxConnections: 100 } });
    expect(JSON.stringify(report)).not.toContain(PASSWORD);
  });

  it('every app when none is named, across many SCAN pages', async () => {
    const store = createRedisHeartbeatStore(endpoint(`redis://:${PASSWORD}@127.0.0.1:${redis.port}/2`));
    const report = await readHeartbeats(store, systemClock, { timeoutMs: 3000 });
    expect(report.verdicts.filter((v) => v.appId === 'other-app')).toHaveLength(1500);
    expect(report.verdicts.filter((v) => v.appId === 'npc-omega-01').map((v) => v.serviceId)).toEqual(['auth']);
  });

  it('caps the listing at maxKeys and says so', async () => {
    const store = createRedisHeartbeatStore(endpoint(`redis://:${PASSWORD}@127.0.0.1:${redis.port}/2`));
    const report = await readHeartbeats(store, systemClock, { maxKeys: 100, timeoutMs: 3000 });
    expect(report).toMatchObject({ ok: true, truncated: true });
    expect(report.verdicts).toHaveLength(100);
  });

  it('database 0 holds none of them: SELECT is honoured', async () => {
    const store = createRedisHeartbeatStore(endpoint(`redis://:${PASSWORD}@127.0.0.1:${redis.port}`));
    expect(await readHeartbeats(store, systemClock, { appId: APP })).toMatchObject({ ok: true, verdicts: [] });
  });

  it('no password → AUTH_REQUIRED; a wrong one → AUTH_FAILED; neither echoes a password', async () => {
    const none = await readHeartbeats(createRedisHeartbeatStore(endpoint(`redis://127.0.0.1:${redis.port}/2`)), systemClock, {
      appId: APP,
      serviceIds: ['auth'],
    });
    expect(none).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' }, verdicts: [] });
    const wrong = await readHeartbeats(
      createRedisHeartbeatStore(endpoint(`redis://:not-${PASSWORD}@127.0.0.1:${redis.port}/2`)),
      systemClock,
      { appId: APP },
    );
    expect(wrong).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', message: expect.stringContaining('redis://:***@127.0.0.1') } });
    expect(JSON.stringify([none, wrong])).not.toContain(PASSWORD);
  });

  it('a Redis that accepts and never answers → TIMEOUT within the budget, no socket or timer left', async () => {
    const silent = await startSilentServer();
    try {
      const handles = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout' || r === 'TCPSocketWrap').length;
      const before = handles();
      const started = performance.now();
      const store = createRedisHeartbeatStore(endpoint(`redis://:${PASSWORD}@127.0.0.1:${silent.port}/2`));
      const report = await readHeartbeats(store, systemClock, { appId: APP, timeoutMs: 250 });
      expect(report).toMatchObject({ ok: false, error: { code: 'TIMEOUT' }, verdicts: [] });
      expect(performance.now() - started).toBeLessThan(700);
      expect(JSON.stringify(report)).not.toContain(PASSWORD);
      await eventually(() => silent.openSockets() === 0);
      expect(handles()).toBeLessThanOrEqual(before);
    } finally {
      await silent.close();
    }
  });

  it('Redis down → ECONNREFUSED and no verdict, not "everyone unavailable"', async () => {
    const store = createRedisHeartbeatStore(endpoint(`redis://127.0.0.1:${await closedPort()}`));
    expect(await readHeartbeats(store, systemClock, { appId: APP, serviceIds: ['auth'] })).toMatchObject({
      ok: false,
      error: { code: 'ECONNREFUSED' },
      verdicts: [],
    });
  });
});

/** Waits until Redis itself has expired the key (its TTL, not a timer of ours). */
async function waitForExpiry(key: string): Promise<void> {
  const deadline = Date.now() + 3000;
  while ((await redis.cli('-n', '2', 'EXISTS', key)) !== '0') {
    if (Date.now() > deadline) throw new Error(`${key} did not expire`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
