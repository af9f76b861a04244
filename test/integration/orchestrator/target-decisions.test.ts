import { lookup } from 'node:dns/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatHarness, closedPort, defaultSetup, StubPool } from './chat-fixture.ts';

const ALIAS = 'http://orchestrator-service:8006';
const pool = new StubPool();

beforeAll(async () => {
  // The premise of these tests: the docker alias does not resolve from this host.
  await expect(lookup('orchestrator-service')).rejects.toMatchObject({ code: expect.stringMatching(/ENOTFOUND|EAI_AGAIN/) });
});
afterAll(() => pool.closeAll());

describe('target resolution per exchange, real resolver and sockets', () => {
  it('as-configured: a configured URL that answers is used as is', async () => {
    const stub = await pool.start();
    const harness = chatHarness({ setup: () => defaultSetup(stub.url) });
    const { outcome, events } = await harness.send({ message: 'hi', transport: 'ws' });
    expect(events[0]).toMatchObject({ type: 'target', decision: 'as-configured', url: stub.url, pinned: false });
    expect(outcome.ok).toBe(true);
    await harness.client.dispose();
  });

  it('localhost-fallback: the alias does not resolve, the fallback (the stub on its random port) answers', async () => {
    const stub = await pool.start();
    const fallback = stub.url.replace('127.0.0.1', 'localhost');
    const harness = chatHarness({ setup: () => defaultSetup(ALIAS, fallback) });
    for (const transport of ['ws', 'http'] as const) {
      const { outcome, events } = await harness.send({ message: 'hi', transport });
      expect(events[0]).toMatchObject({ type: 'target', decision: 'localhost-fallback', url: fallback });
      expect(events[0]?.type === 'target' && events[0].reason).toContain('orchestrator-service is a docker alias that does not resolve');
      expect(outcome).toMatchObject({ ok: true });
    }
    await harness.client.dispose();
  });

  it('unresolvable: the alias does not resolve and nothing listens on the fallback → RUNTIME_TARGET_UNRESOLVABLE with every attempt', async () => {
    const fallback = `http://127.0.0.1:${await closedPort()}`;
    const harness = chatHarness({ setup: () => defaultSetup(ALIAS, fallback) });
    for (const transport of ['ws', 'http', 'raw'] as const) {
      const { outcome, events } = await harness.send({ message: 'hi', transport });
      expect(events.map((event) => event.type)).toEqual(['target', 'error']);
      expect(events[0]).toMatchObject({ decision: 'unresolvable', url: ALIAS });
      expect(outcome).toMatchObject({ ok: false, url: null, error: { class: 'RUNTIME_TARGET_UNRESOLVABLE' } });
      if (!outcome.ok) {
        expect(outcome.error.explanation).toContain('Name or service not known');
        expect(outcome.error.detail).toMatch(/^dns http:\/\/orchestrator-service:8006 → (ENOTFOUND|EAI_AGAIN)/);
        expect(outcome.error.detail).toContain(`health ${fallback} → ECONNREFUSED`);
      }
    }
    await harness.client.dispose();
  });

  it('a non-alias name that does not resolve fails fast, without a fallback attempt', async () => {
    const stub = await pool.start();
    const harness = chatHarness({ setup: () => defaultSetup('http://orchestrator.no-such-domain.invalid:8006', stub.url) });
    const { outcome } = await harness.send({ message: 'hi', transport: 'http' });
    expect(outcome).toMatchObject({ ok: false, error: { class: 'RUNTIME_TARGET_UNRESOLVABLE' } });
    if (!outcome.ok) {
      expect(outcome.error.detail?.split('\n')).toHaveLength(1);
      expect(outcome.error.hint).toContain('not a docker alias');
    }
    await harness.client.dispose();
  });

  it('re-evaluates on every send: never cached past a failure, and a pin bypasses it', async () => {
    const port = await closedPort();
    const fallback = `http://127.0.0.1:${port}`;
    const harness = chatHarness({ setup: () => defaultSetup(ALIAS, fallback) });
    expect((await harness.send({ message: 'hi', transport: 'ws' })).outcome).toMatchObject({
      ok: false,
      error: { class: 'RUNTIME_TARGET_UNRESOLVABLE' },
    });
    const stub = await pool.start({ port });
    const { outcome, events } = await harness.send({ message: 'hi', transport: 'ws' });
    expect(events[0]).toMatchObject({ decision: 'localhost-fallback' });
    expect(outcome.ok).toBe(true);
    await stub.close();
    expect((await harness.send({ message: 'hi', transport: 'ws' })).outcome).toMatchObject({
      ok: false,
      error: { class: 'RUNTIME_TARGET_UNRESOLVABLE' },
    });
    const other = await pool.start();
    const pinned = await harness.send({ message: 'hi', transport: 'ws', pinnedTarget: other.url });
    expect(pinned.events[0]).toMatchObject({ decision: 'pinned', pinned: true, url: other.url });
    expect(pinned.outcome.ok).toBe(true);
    await harness.client.dispose();
  });

  it("applies the stack's journeys and chat paths", async () => {
    const stub = await pool.start();
    const harness = chatHarness({
      setup: () => ({
        ...defaultSetup(stub.url),
        chat: { journeys: { admin: { template: '[admin] {message}' } }, paths: { httpChat: '/api/chat' } },
      }),
    });
    const { outcome } = await harness.send({ message: 'hi', transport: 'http', journey: 'admin' });
    expect(outcome).toMatchObject({ ok: true, response: 'Agent stub (journey admin) received 2 words: [admin] hi' });
    await expect(harness.send({ message: 'hi', transport: 'http', journey: 'nope' })).rejects.toThrow('unknown journey "nope"');
    await harness.client.dispose();
  });
});
