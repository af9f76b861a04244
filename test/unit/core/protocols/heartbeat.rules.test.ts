import { describe, expect, it } from 'vitest';
import type { StoredEntry } from '../../../../src/main/core/ports/heartbeat.port.ts';
import { heartbeatPattern, judgeHeartbeats, parseHeartbeatKey, timestampMs } from '../../../../src/main/core/protocols/heartbeat.rules.ts';
import { heartbeatVerdictSchema } from '../../../../src/shared/model/index.ts';
import { FakeClock } from '../../support/fake-clock.ts';

const entry = (serviceId: string, appId: string, value: unknown): StoredEntry => ({
  key: `service:heartbeat:${serviceId}:${appId}`,
  value: typeof value === 'string' || value === null ? value : JSON.stringify(value),
});

describe('heartbeat keys', () => {
  it('escapes the app id in the MATCH pattern', () => {
    expect(heartbeatPattern('bannou')).toBe('service:heartbeat:*:bannou');
    expect(heartbeatPattern('a*b?[c]')).toBe('service:heartbeat:*:a\\*b\\?\\[c\\]');
    expect(heartbeatPattern()).toBe('service:heartbeat:*:*');
  });

  it('splits keys, exactly with a known app id, at the last colon without', () => {
    expect(parseHeartbeatKey('service:heartbeat:auth:v2:bannou', 'bannou')).toEqual({ serviceId: 'auth:v2', appId: 'bannou' });
    expect(parseHeartbeatKey('service:heartbeat:auth:other', 'bannou')).toBeUndefined();
    expect(parseHeartbeatKey('service:heartbeat:auth:bannou')).toEqual({ serviceId: 'auth', appId: 'bannou' });
    expect(parseHeartbeatKey('service:status:auth:bannou')).toBeUndefined();
    expect(parseHeartbeatKey('service:heartbeat:auth')).toBeUndefined();
  });

  it('reads ISO and epoch timestamps; no offset means UTC', () => {
    const at = Date.parse('2026-01-01T00:00:00Z');
    expect(timestampMs('2026-01-01T00:00:00Z')).toBe(at);
    expect(timestampMs('2026-01-01T00:00:00.1234567+00:00')).toBe(at + 123);
    expect(timestampMs('2026-01-01T00:00:00')).toBe(at);
    expect(timestampMs(at / 1000)).toBe(at);
    expect(timestampMs(at)).toBe(at);
    expect(timestampMs(`${at / 1000}.5`)).toBe(at + 500);
    expect(timestampMs('yesterday')).toBeUndefined();
  });
});

describe('judgeHeartbeats (freshness over a FakeClock)', () => {
  it('fresh is available with the status the service reports; 90 s is the limit', async () => {
    const clock = new FakeClock();
    const beats = [entry('auth', 'bannou', { status: 'healthy', timestamp: clock.date().toISOString(), capacity: { maxConnections: 10 } })];
    expect(judgeHeartbeats(beats, clock.date(), { appId: 'bannou' })).toEqual([
      {
        serviceId: 'auth',
        appId: 'bannou',
        key: 'service:heartbeat:auth:bannou',
        availability: 'available',
        reason: 'fresh',
        status: 'healthy',
        ageMs: 0,
        timestamp: '2026-01-01T00:00:00.000Z',
        capacity: { maxConnections: 10 },
        message: 'auth is healthy (0 s ago)',
      },
    ]);
    await clock.advance(90_000);
    expect(judgeHeartbeats(beats, clock.date())[0]).toMatchObject({ availability: 'available', ageMs: 90_000 });
    await clock.advance(1);
    expect(judgeHeartbeats(beats, clock.date())[0]).toMatchObject({
      availability: 'unavailable',
      reason: 'stale',
      message: expect.stringContaining('90 s old'),
    });
  });

  it('degraded and overloaded are available (the supervisor decides), shutting_down is leave-alone', () => {
    const now = new FakeClock().date();
    const t = now.toISOString();
    const verdicts = judgeHeartbeats(
      [
        entry('a', 'x', { status: 'degraded', timestamp: t }),
        entry('b', 'x', { status: 'Overloaded', timestamp: t }),
        entry('c', 'x', { status: 'shutting_down', timestamp: t }),
      ],
      now,
    );
    expect(verdicts.map((v) => [v.serviceId, v.availability, v.status])).toEqual([
      ['a', 'available', 'degraded'],
      ['b', 'available', 'overloaded'],
      ['c', 'leave-alone', 'shutting_down'],
    ]);
  });

  it('shutting_down but stale is unavailable: a service that said goodbye and never left is stuck', () => {
    const clock = new FakeClock(200_000);
    const old = new Date(clock.date().getTime() - 120_000).toISOString();
    expect(judgeHeartbeats([entry('c', 'x', { status: 'shutting_down', timestamp: old })], clock.date())[0]).toMatchObject({
      availability: 'unavailable',
      reason: 'stale',
    });
  });

  it('an expected service without a key, or whose key vanished, is missing', () => {
    const now = new FakeClock().date();
    const verdicts = judgeHeartbeats([entry('auth', 'bannou', null)], now, { appId: 'bannou', serviceIds: ['auth', 'accounts'] });
    expect(verdicts.map((v) => [v.serviceId, v.reason, v.availability, v.key])).toEqual([
      ['accounts', 'missing', 'unavailable', 'service:heartbeat:accounts:bannou'],
      ['auth', 'missing', 'unavailable', 'service:heartbeat:auth:bannou'],
    ]);
  });

  it('ignores keys of other apps', () => {
    const now = new FakeClock().date();
    const t = now.toISOString();
    const verdicts = judgeHeartbeats(
      [entry('auth', 'bannou', { status: 'healthy', timestamp: t }), entry('auth', 'npc-omega-01', { status: 'healthy', timestamp: t })],
      now,
      {
        appId: 'bannou',
      },
    );
    expect(verdicts.map((v) => v.appId)).toEqual(['bannou']);
  });

  it('unreadable heartbeats are invalid, unavailable', () => {
    const now = new FakeClock().date();
    const t = now.toISOString();
    const verdicts = judgeHeartbeats(
      [
        entry('a', 'x', 'not json'),
        entry('b', 'x', { status: 'sleepy', timestamp: t }),
        entry('c', 'x', { status: 'healthy' }),
        entry('d', 'x', { status: 'healthy', timestamp: 'soon' }),
        entry('e', 'x', { status: 'healthy', timestamp: new Date(now.getTime() + 60_000).toISOString() }),
        entry('f', 'x', { status: 'healthy', timestamp: new Date(now.getTime() + 2_000).toISOString() }),
      ],
      now,
    );
    expect(verdicts.map((v) => [v.serviceId, v.reason])).toEqual([
      ['a', 'invalid'],
      ['b', 'invalid'],
      ['c', 'invalid'],
      ['d', 'invalid'],
      ['e', 'invalid'],
      ['f', 'fresh'],
    ]);
    expect(verdicts[1]?.message).toContain('(status)');
    expect(verdicts[4]?.message).toContain('60 s in the future');
    for (const v of verdicts) expect(heartbeatVerdictSchema.parse(v)).toEqual(v);
  });

  it('honours a custom limit', () => {
    const clock = new FakeClock(100_000);
    const beat = entry('a', 'x', { status: 'healthy', timestamp: new Date(clock.date().getTime() - 20_000).toISOString() });
    expect(judgeHeartbeats([beat], clock.date(), { maxAgeMs: 15_000 })[0]?.reason).toBe('stale');
  });
});
