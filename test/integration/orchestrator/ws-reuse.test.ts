import { createServer, type Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AgentStub } from '../../../src/tools/agent-stub/agent-stub.server.ts';
import type { FaultMode } from '../../../src/tools/agent-stub/fault-mode.ts';
import { chatHarness, defaultSetup, StubPool, type ChatHarness } from './chat-fixture.ts';

/**
 * A tiny default-profile WS server that counts connections and records how each one closed. What it answers
 * depends on the message: `drop` (status, a token, then the TCP socket is destroyed), `1011` (status, close
 * 1011), `bad` (a malformed frame), `error` (assistant_error), `silent` (nothing: the client times out),
 * `vanish-on-reuse` (on a connection's second message: destroyed without a frame), anything else answers.
 */
class CountingServer {
  readonly closes: Array<{ path: string; code: number }> = [];
  readonly paths: string[] = [];
  private readonly server: Server = createServer((_req, res) => res.writeHead(404).end());
  private readonly wss = new WebSocketServer({ server: this.server });
  private closeWaiters: Array<() => void> = [];
  url = '';

  async start(): Promise<this> {
    this.wss.on('connection', (socket, req) => {
      const path = req.url ?? '';
      this.paths.push(path);
      let messages = 0;
      socket.on('close', (code) => {
        this.closes.push({ path, code });
        for (const wake of this.closeWaiters.splice(0)) wake();
      });
      socket.on('message', (data) => this.answer(socket, JSON.parse(String(data)) as { data: { message: string } }, (messages += 1)));
    });
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
    return this;
  }

  get connections(): number {
    return this.paths.length;
  }

  /** Resolves once `count` connections have closed (event-driven, no sleeps). */
  async closed(count: number): Promise<Array<{ path: string; code: number }>> {
    while (this.closes.length < count) await new Promise<void>((wake) => this.closeWaiters.push(wake));
    return this.closes;
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((done) => this.wss.close(() => done()));
    this.server.closeAllConnections();
    await new Promise<void>((done) => this.server.close(() => done()));
  }

  private answer(socket: WebSocket, request: { data: { message: string } }, nth: number): void {
    const message = request.data.message;
    if (message === 'vanish-on-reuse' && nth > 1) return socket.terminate();
    if (message === 'silent') return;
    socket.send(JSON.stringify({ type: 'status', status: 'processing' }));
    if (message === '1011') return socket.close(1011, 'internal error');
    if (message === 'bad') return socket.send('{"type":');
    if (message === 'error') return socket.send(JSON.stringify({ type: 'assistant_error', data: { content: 'agent failed' } }));
    socket.send(JSON.stringify({ type: 'stream_token', data: { type: 'assistant', content: `echo ${message}` } }));
    if (message === 'drop') return socket.terminate();
    socket.send(JSON.stringify({ type: 'complete' }));
  }
}

const pool = new StubPool();
let stub: AgentStub;
let server: CountingServer;
let harness: ChatHarness | undefined;

beforeAll(async () => {
  stub = await pool.start();
});
afterAll(() => pool.closeAll());
afterEach(async () => {
  await harness?.client.dispose();
  harness = undefined;
  await server?.stop();
});

async function ws(message: string, target = server.url, timeoutMs = 3000) {
  const { outcome } = await (harness as ChatHarness).send({ message, transport: 'ws', pinnedTarget: target, timeoutMs });
  return outcome;
}

describe('the WS transport keeps one socket per session', () => {
  it('consecutive exchanges of a session share one connection; newSession() closes it with 1000, dispose() with 1001', async () => {
    server = await new CountingServer().start();
    harness = chatHarness({ setup: () => defaultSetup(server.url) });
    for (const message of ['one', 'two', 'three']) expect(await ws(message)).toMatchObject({ ok: true, response: `echo ${message}` });
    expect(server.connections).toBe(1);
    // Unpinned sends resolve the target on every send; the same resolved URL keeps the same socket.
    expect((await harness.send({ message: 'four', transport: 'ws' })).outcome.ok).toBe(true);
    expect(server.connections).toBe(1);

    const firstSession = harness.client.sessionId;
    harness.client.newSession();
    expect(await server.closed(1)).toEqual([{ path: expect.stringContaining(firstSession), code: 1000 }]);
    expect(await ws('five')).toMatchObject({ ok: true });
    expect(server.connections).toBe(2);
    expect(server.paths[1]).toContain(harness.client.sessionId);

    await harness.client.dispose();
    expect((await server.closed(2))[1]).toMatchObject({ code: 1001 });
  });

  it.each([
    ['drop', { class: 'WS_CLOSED', closeCode: 1006 }],
    ['1011', { class: 'WS_CLOSED', closeCode: 1011 }],
    ['bad', { class: 'PROTOCOL_VIOLATION' }],
    ['error', { class: 'AGENT_ERROR' }],
    ['silent', { class: 'TIMEOUT' }],
  ])(
    'a failure (%s) drops the socket: it classifies as before and the next exchange completes on a new connection',
    async (fault, expected) => {
      server = await new CountingServer().start();
      harness = chatHarness({ setup: () => defaultSetup(server.url) });
      expect(await ws('before')).toMatchObject({ ok: true });
      const failed = await ws(fault, server.url, fault === 'silent' ? 300 : 3000);
      expect(failed.ok ? null : failed.error).toMatchObject(expected);
      expect(server.connections).toBe(1);
      expect(await ws('after')).toMatchObject({ ok: true, response: 'echo after' });
      expect(server.connections).toBe(2);
      expect(await ws('again')).toMatchObject({ ok: true });
      expect(server.connections).toBe(2);
    },
  );

  it('dispose() during an exchange on a reused socket settles it as 1001 going away and ends the socket', async () => {
    server = await new CountingServer().start();
    harness = chatHarness({ setup: () => defaultSetup(server.url) });
    expect(await ws('first')).toMatchObject({ ok: true });
    const pending = ws('silent', server.url, 10_000);
    // The frame reached the server on the pooled socket before dispose (no new connection).
    await expect.poll(() => server.connections).toBe(1);
    await new Promise((tick) => setImmediate(tick));
    await harness.client.dispose();
    expect(await pending).toMatchObject({ ok: false, error: { class: 'WS_CLOSED', closeCode: 1001 } });
    expect(await server.closed(1)).toHaveLength(1);
    expect(server.connections).toBe(1);
  });

  it('a pooled socket the server dropped without a word is retried once on a fresh connection', async () => {
    server = await new CountingServer().start();
    harness = chatHarness({ setup: () => defaultSetup(server.url) });
    expect(await ws('vanish-on-reuse')).toMatchObject({ ok: true });
    expect(await ws('vanish-on-reuse')).toMatchObject({ ok: true, response: 'echo vanish-on-reuse' });
    expect(server.connections).toBe(2);
  });

  it('a different resolved target, concurrent sends and Compare paths each get their own socket; idle sockets close', async () => {
    server = await new CountingServer().start();
    const other = await new CountingServer().start();
    harness = chatHarness({ setup: () => defaultSetup(server.url), wsIdleMs: 200 });
    try {
      expect(await ws('a')).toMatchObject({ ok: true });
      expect(await ws('b', other.url)).toMatchObject({ ok: true });
      expect([server.connections, other.connections]).toEqual([1, 1]);
      // Idle for 200 ms: both close with 1000.
      expect(await server.closed(1)).toMatchObject([{ code: 1000 }]);
      expect(await other.closed(1)).toMatchObject([{ code: 1000 }]);

      const both = await Promise.all([ws('c'), ws('d')]);
      expect(both.every((outcome) => outcome.ok)).toBe(true);
      expect(server.connections).toBe(3);
      expect(await ws('e')).toMatchObject({ ok: true });
      expect(server.connections).toBe(3);

      await harness.client.compare({ message: 'f', pinnedTarget: server.url });
      expect(server.connections).toBe(4);
    } finally {
      await other.stop();
    }
  });

  it('no reuse with wsIdleMs: 0 (one socket per exchange, closed with 1000)', async () => {
    server = await new CountingServer().start();
    harness = chatHarness({ setup: () => defaultSetup(server.url), wsIdleMs: 0 });
    expect(await ws('a')).toMatchObject({ ok: true });
    expect(await ws('b')).toMatchObject({ ok: true });
    expect(server.connections).toBe(2);
    expect(await server.closed(2)).toMatchObject([{ code: 1000 }, { code: 1000 }]);
  });
});

describe('agent stub faults on one session: a failed exchange does not poison the next', () => {
  it.each<[FaultMode, Record<string, unknown>]>([
    ['drop-mid-stream', { class: 'WS_CLOSED', closeCode: 1006, closeName: 'abnormal closure' }],
    ['close-1011', { class: 'WS_CLOSED', closeCode: 1011, closeName: 'internal error' }],
    ['malformed-frame', { class: 'PROTOCOL_VIOLATION' }],
    ['assistant-error', { class: 'AGENT_ERROR' }],
  ])('%s between two good exchanges', async (mode, expected) => {
    server = await new CountingServer().start();
    harness = chatHarness({ setup: () => defaultSetup(stub.url) });
    stub.setFault('none');
    expect(await ws('hello agent', stub.url)).toMatchObject({ ok: true });
    stub.setFault(mode);
    try {
      const failed = await ws('hello agent', stub.url);
      expect(failed.ok ? null : failed.error).toMatchObject(expected);
    } finally {
      stub.setFault('none');
    }
    expect(await ws('hello agent', stub.url)).toMatchObject({
      ok: true,
      response: 'Agent stub (default journey) received 2 words: hello agent',
    });
  });
});
