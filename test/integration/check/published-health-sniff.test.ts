import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkProbeAdapter } from '../../../src/main/adapters/network/network-probe.adapter.ts';
import { startRedis, type RedisServer } from '../protocols/support/redis-server.ts';

/**
 * The sniff behind health without configuration, through the network adapter, against a real redis-server on
 * 127.0.0.1: the GET goes out at once (no greeting wait), and Redis, answering it line by line with RESP errors,
 * is recognised as not HTTP.
 */
const net = new NetworkProbeAdapter();
let redis: RedisServer;

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  await redis?.stop();
});

describe('NetworkProbeAdapter.sniff', () => {
  it('recognises redis-server as not HTTP, well within the budget', async () => {
    const result = await net.sniff(redis.host, redis.port, '/health', 1500);
    expect(result).toMatchObject({ kind: 'sniff', ok: true, detail: { speaks: 'redis', http: false } });
    expect(result.latencyMs).toBeLessThan(300);
  });
});
