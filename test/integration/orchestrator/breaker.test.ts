import { afterAll, describe, expect, it, vi } from 'vitest';
import { chatHarness, defaultSetup, StubPool, type ChatHarness } from './chat-fixture.ts';

const pool = new StubPool();
afterAll(() => pool.closeAll());

const breaker = { consecutiveFailures: 3, halfOpenAfterMs: 300 };

async function classOf(harness: ChatHarness, transport: 'ws' | 'http', target: string): Promise<string> {
  const { outcome } = await harness.send({ message: 'hi', transport, pinnedTarget: target, timeoutMs: 3000 });
  return outcome.ok ? 'complete' : outcome.error.class;
}

/** Half-open is entered by the first send after `halfOpenAfterMs`: retry until the breaker lets one through. */
async function untilLetThrough(harness: ChatHarness, transport: 'ws' | 'http', target: string): Promise<string> {
  let last = 'CIRCUIT_OPEN';
  await vi.waitFor(
    async () => {
      last = await classOf(harness, transport, target);
      expect(last).not.toBe('CIRCUIT_OPEN');
    },
    { timeout: 5000, interval: 50 },
  );
  return last;
}

describe('circuit breaker per target, shared by HTTP and WS', () => {
  it('opens after consecutive failures, fails fast with CIRCUIT_OPEN on both transports, half-opens, closes on success', async () => {
    const stub = await pool.start({ fault: 'http-500' });
    const harness = chatHarness({ setup: () => defaultSetup(stub.url), breaker });
    for (let i = 0; i < 3; i += 1) expect(await classOf(harness, 'http', stub.url)).toBe('HTTP_STATUS');
    expect(harness.client.breakerState(stub.url)).toBe('open');
    expect(harness.breakerChanges).toEqual([
      expect.objectContaining({ target: stub.url, previous: 'closed', state: 'open', lastFailure: 'HTTP_STATUS' }),
    ]);

    // The same open breaker answers both transports with the same class, without touching the server.
    const ws = await harness.send({ message: 'hi', transport: 'ws', pinnedTarget: stub.url });
    expect(ws.events.map((event) => event.type)).toEqual(['target', 'error']);
    expect(ws.outcome).toMatchObject({ ok: false, error: { class: 'CIRCUIT_OPEN' } });
    expect(await classOf(harness, 'http', stub.url)).toBe('CIRCUIT_OPEN');
    expect(harness.client.breakerStates()).toEqual([{ target: stub.url, state: 'open' }]);

    stub.setFault('none');
    expect(await untilLetThrough(harness, 'ws', stub.url)).toBe('complete');
    expect(harness.breakerChanges.map((change) => `${change.previous}→${change.state}`)).toEqual([
      'closed→open',
      'open→half-open',
      'half-open→closed',
    ]);
    expect(harness.client.breakerState(`${stub.url.replace('http', 'ws')}/chat/ws/a/b`)).toBe('closed');
    expect(harness.logs.some((line) => line.msg === 'circuit breaker open' && line.level === 'warn')).toBe(true);
    await harness.client.dispose();
  });

  it('resetBreaker closes an open breaker at once (a repair step): the next exchange reaches the recovered server', async () => {
    const stub = await pool.start({ fault: 'http-500' });
    const harness = chatHarness({ setup: () => defaultSetup(stub.url), breaker: { consecutiveFailures: 3, halfOpenAfterMs: 60_000 } });
    for (let i = 0; i < 3; i += 1) expect(await classOf(harness, 'http', stub.url)).toBe('HTTP_STATUS');
    stub.setFault('none');
    expect(await classOf(harness, 'http', stub.url)).toBe('CIRCUIT_OPEN');

    harness.client.resetBreaker(`${stub.url}/chat`);

    expect(harness.client.breakerState(stub.url)).toBe('closed');
    expect(harness.breakerChanges.map((change) => `${change.previous}→${change.state}`)).toEqual(['closed→open', 'open→closed']);
    expect(await classOf(harness, 'http', stub.url)).toBe('complete');
    await harness.client.dispose();
  });

  it('a failed half-open test opens it again; WS failures open it for HTTP too', async () => {
    const stub = await pool.start({ fault: 'close-1011' });
    const harness = chatHarness({ setup: () => defaultSetup(stub.url), breaker });
    for (let i = 0; i < 3; i += 1) expect(await classOf(harness, 'ws', stub.url)).toBe('WS_CLOSED');
    expect(await classOf(harness, 'http', stub.url)).toBe('CIRCUIT_OPEN');
    expect(await untilLetThrough(harness, 'http', stub.url)).toBe('HTTP_STATUS');
    expect(harness.breakerChanges.map((change) => change.state)).toEqual(['open', 'half-open', 'open']);
    expect(harness.client.breakerState(stub.url)).toBe('open');
    await harness.client.dispose();
  });

  it('agent errors and 4xx refusals do not count: the server works', async () => {
    const stub = await pool.start({ fault: 'assistant-error' });
    const harness = chatHarness({ setup: () => defaultSetup(stub.url), breaker });
    for (let i = 0; i < 4; i += 1) expect(await classOf(harness, 'ws', stub.url)).toBe('AGENT_ERROR');
    stub.setFault('ws-broken');
    for (let i = 0; i < 4; i += 1) expect(await classOf(harness, 'ws', stub.url)).toBe('WS_HANDSHAKE_FAILED');
    expect(await classOf(harness, 'http', stub.url)).toBe('complete');
    expect(harness.breakerChanges).toEqual([]);
    await harness.client.dispose();
  });

  it('breakers are per target: one open target does not block another', async () => {
    const broken = await pool.start({ fault: 'http-500' });
    const healthy = await pool.start();
    const harness = chatHarness({ setup: () => defaultSetup(healthy.url), breaker });
    for (let i = 0; i < 3; i += 1) await classOf(harness, 'http', broken.url);
    expect(harness.client.breakerState(broken.url)).toBe('open');
    expect(await classOf(harness, 'http', healthy.url)).toBe('complete');
    expect(harness.client.breakerState(healthy.url)).toBe('closed');
    await harness.client.dispose();
  });
});
