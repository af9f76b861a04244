import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWireExchange } from '../../../src/main/adapters/protocols/wire-exchange.adapter.ts';
import { sniffPort } from '../../../src/main/core/protocols/port-sniff.exchange.ts';
import { exchangeRedisPing } from '../../../src/main/core/protocols/redis-ping.exchange.ts';
import { Secret } from '../../../src/main/core/protocols/secret.ts';
import { closedPort, eventually, startSilentServer, type LocalServer } from '../adapters/network/local-servers.ts';
import { startRedis, type RedisServer } from './support/redis-server.ts';

const wire = createWireExchange();
const PASSWORD = 'tEst-pass-9f3';

/** Timers and TCP sockets alive in this process: a probe must leave none behind. */
function liveHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout' || r === 'TCPSocketWrap').length;
}

let open: RedisServer;
let locked: RedisServer;
let silent: LocalServer;

beforeAll(async () => {
  [open, locked, silent] = await Promise.all([startRedis(), startRedis({ password: PASSWORD }), startSilentServer()]);
  console.info(`redis-server ready in ${open.startupMs} ms and ${locked.startupMs} ms`);
});

afterAll(async () => {
  await Promise.all([open?.stop(), locked?.stop(), silent?.close()]);
});

describe('Redis PING against a real redis-server', () => {
  it('PING → +PONG', async () => {
    const result = await exchangeRedisPing(wire, { host: open.host, port: open.port }, { timeoutMs: 1000 });
    expect(result).toMatchObject({
      kind: 'redis',
      target: `127.0.0.1:${open.port}`,
      ok: true,
      detail: { protocol: 'redis', alive: true, reply: 'PONG' },
    });
    expect(result.latencyMs).toBeLessThan(1000);
  });

  it('requirepass without credentials → -NOAUTH: Redis alive, needs auth', async () => {
    const result = await exchangeRedisPing(wire, { host: locked.host, port: locked.port });
    expect(result).toMatchObject({ ok: true, detail: { reply: 'NOAUTH', authRequired: true } });
  });

  it('with the password → +PONG; with a wrong one → AUTH_FAILED, and no password in the result', async () => {
    const good = await exchangeRedisPing(wire, { host: locked.host, port: locked.port }, { password: new Secret(PASSWORD) });
    expect(good).toMatchObject({ ok: true, detail: { reply: 'PONG' } });
    const bad = await exchangeRedisPing(wire, { host: locked.host, port: locked.port }, { password: new Secret('wrong-pass-123') });
    expect(bad).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' }, detail: { alive: true } });
    expect(JSON.stringify([good, bad])).not.toMatch(/tEst-pass-9f3|wrong-pass-123/);
  });

  it('the sniff hears Redis, not HTTP, on its port', async () => {
    const result = await sniffPort(wire, { host: open.host, port: open.port }, { timeoutMs: 1500 });
    expect(result).toMatchObject({ kind: 'sniff', ok: true, detail: { speaks: 'redis', http: false, via: 'request' } });
  });

  it('a closed port → ECONNREFUSED', async () => {
    const port = await closedPort();
    expect(await exchangeRedisPing(wire, { host: '127.0.0.1', port })).toMatchObject({
      ok: false,
      error: { code: 'ECONNREFUSED' },
      detail: { connected: false },
    });
  });

  it('a port that accepts and never answers → TIMEOUT within the budget, leaving no socket or timer', async () => {
    const before = liveHandles();
    const started = performance.now();
    const result = await exchangeRedisPing(wire, { host: '127.0.0.1', port: silent.port }, { timeoutMs: 300 });
    const took = performance.now() - started;
    expect(result).toMatchObject({ ok: false, error: { code: 'TIMEOUT' }, detail: { connected: true } });
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(800);
    await eventually(() => silent.openSockets() === 0);
    expect(liveHandles()).toBeLessThanOrEqual(before);
  });

  it('an abort ends the probe at once', async () => {
    const controller = new AbortController();
    const pending = exchangeRedisPing(wire, { host: '127.0.0.1', port: silent.port }, { timeoutMs: 5000, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'ABORTED' } });
    await eventually(() => silent.openSockets() === 0);
  });
});
