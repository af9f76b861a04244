import { describe, expect, it } from 'vitest';
import type { HeartbeatStorePort, StoreReadResult } from '../../../../src/main/core/ports/heartbeat.port.ts';
import { readHeartbeats } from '../../../../src/main/core/protocols/heartbeat.reader.ts';
import { FakeClock } from '../../support/fake-clock.ts';

function fakeStore(result: StoreReadResult): HeartbeatStorePort & { patterns: string[] } {
  const patterns: string[] = [];
  return {
    patterns,
    readMatching: (pattern) => {
      patterns.push(pattern);
      return Promise.resolve(result);
    },
  };
}

describe('readHeartbeats', () => {
  it('reads the app pattern and judges at the clock', async () => {
    const clock = new FakeClock();
    const store = fakeStore({
      ok: true,
      truncated: false,
      latencyMs: 3,
      entries: [
        { key: 'service:heartbeat:auth:bannou', value: JSON.stringify({ status: 'healthy', timestamp: clock.date().toISOString() }) },
      ],
    });
    await clock.advance(95_000);
    const report = await readHeartbeats(store, clock, { appId: 'bannou', serviceIds: ['auth'] });
    expect(store.patterns).toEqual(['service:heartbeat:*:bannou']);
    expect(report).toMatchObject({ ok: true, latencyMs: 3, verdicts: [{ serviceId: 'auth', reason: 'stale', ageMs: 95_000 }] });
  });

  it('a store that cannot be read gives no verdict at all, never "unavailable" for everyone', async () => {
    const store = fakeStore({ ok: false, latencyMs: 1, error: { code: 'ECONNREFUSED', message: 'Connection refused (127.0.0.1:6379)' } });
    const report = await readHeartbeats(store, new FakeClock(), { appId: 'bannou', serviceIds: ['auth', 'accounts'] });
    expect(report).toEqual({
      ok: false,
      latencyMs: 1,
      error: { code: 'ECONNREFUSED', message: 'Connection refused (127.0.0.1:6379)' },
      verdicts: [],
    });
  });
});
