import { describe, expect, it } from 'vitest';
import { classifyRedisReplies, exchangeRedisPing } from '../../../../src/main/core/protocols/redis-ping.exchange.ts';
import { Secret } from '../../../../src/main/core/protocols/secret.ts';
import { ascii } from '../../../fixtures/protocols/recorded.ts';
import { FakeWire, sentText } from './fake-wire.ts';

const target = { host: '127.0.0.1', port: 6379 };
const classify = (reply: string, count = 1) => classifyRedisReplies('127.0.0.1:6379', ascii(reply), count);

describe('classifyRedisReplies', () => {
  it('+PONG is Redis, ok', () => {
    expect(classify('+PONG\r\n')).toEqual({ ok: true, detail: { protocol: 'redis', alive: true, reply: 'PONG' } });
  });

  it('-NOAUTH is Redis alive behind a password: ok', () => {
    expect(classify('-NOAUTH Authentication required.\r\n')).toEqual({
      ok: true,
      detail: { protocol: 'redis', alive: true, reply: 'NOAUTH', authRequired: true },
    });
  });

  it('-LOADING is alive but not ready', () => {
    expect(classify('-LOADING Redis is loading the dataset in memory\r\n')).toMatchObject({ ok: false, error: { code: 'REDIS_LOADING' } });
  });

  it('a rejected AUTH is AUTH_FAILED, alive', () => {
    const verdict = classify('-WRONGPASS invalid username-password pair or user is disabled.\r\n-NOAUTH Authentication required.\r\n', 2);
    expect(verdict).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' }, detail: { alive: true } });
  });

  it('a password for a Redis without one is harmless', () => {
    const verdict = classify('-ERR AUTH <password> called without any password configured for the default user.\r\n+PONG\r\n', 2);
    expect(verdict).toMatchObject({ ok: true, detail: { authNotNeeded: true } });
  });

  it('an HTTP server on the port is a PROTOCOL_MISMATCH naming what answered', () => {
    expect(classify('HTTP/1.1 400 Bad Request\r\n\r\n')).toMatchObject({
      ok: false,
      error: { code: 'PROTOCOL_MISMATCH', message: expect.stringContaining('HTTP/1.1 400') },
    });
  });
});

describe('exchangeRedisPing over a wire', () => {
  it('sends PING and reads +PONG', async () => {
    const wire = new FakeWire(() => ({ bytes: ascii('+PONG\r\n'), then: 'silent' }));
    const result = await exchangeRedisPing(wire, target, { timeoutMs: 500 });
    expect(sentText(wire.requests[0])).toBe('*1\r\n$4\r\nPING\r\n');
    expect(result).toMatchObject({
      kind: 'redis',
      target: '127.0.0.1:6379',
      from: 'host',
      ok: true,
      detail: { reply: 'PONG', connectMs: 0.5 },
    });
    expect(wire.requests[0]?.timeoutMs).toBe(500);
  });

  it('sends AUTH first when given a password, and never returns it', async () => {
    const wire = new FakeWire(() => ({ bytes: ascii('+OK\r\n+PONG\r\n'), then: 'silent' }));
    const result = await exchangeRedisPing(wire, target, { password: new Secret('s3cr3t-pw'), username: 'app' });
    expect(sentText(wire.requests[0])).toBe('*3\r\n$4\r\nAUTH\r\n$3\r\napp\r\n$9\r\ns3cr3t-pw\r\n*1\r\n$4\r\nPING\r\n');
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toContain('s3cr3t-pw');
  });

  it('refused → ECONNREFUSED; accepted and silent → TIMEOUT; hung up → PEER_CLOSED', async () => {
    const refused = await exchangeRedisPing(new FakeWire(() => ({ refuse: true })), target);
    expect(refused).toMatchObject({ ok: false, error: { code: 'ECONNREFUSED' } });
    const silent = await exchangeRedisPing(new FakeWire(() => ({ then: 'silent' })), target, { timeoutMs: 300 });
    expect(silent).toMatchObject({
      ok: false,
      error: { code: 'TIMEOUT', message: expect.stringContaining('300 ms') },
      detail: { connected: true },
    });
    const closed = await exchangeRedisPing(new FakeWire(() => ({ then: 'close' })), target);
    expect(closed).toMatchObject({ ok: false, error: { code: 'PEER_CLOSED' } });
  });
});
