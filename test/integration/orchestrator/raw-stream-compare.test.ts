import { createServer, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { AgentStub } from '../../../src/tools/agent-stub/agent-stub.server.ts';
import { chatHarness, closedPort, defaultSetup, StubPool } from './chat-fixture.ts';

const pool = new StubPool();
let stub: AgentStub;
beforeAll(async () => {
  stub = await pool.start();
});
afterAll(() => pool.closeAll());

describe('raw mode', () => {
  it('sends a JSON frame to any ws:// URL and emits every frame until the server closes or the window ends', async () => {
    const harness = chatHarness({ setup: () => defaultSetup(stub.url) });
    const frame = JSON.stringify({ type: 'chat', data: { message: 'raw hello' }, correlation_id: 'raw-1' });
    const { outcome, events } = await harness.send({
      message: frame,
      transport: 'raw',
      pinnedTarget: `${stub.url.replace('http', 'ws')}/chat/ws/c/s`,
      timeoutMs: 400,
    });
    expect(events[0]).toMatchObject({ type: 'target', pinned: true });
    expect(events[1]).toEqual({ type: 'frame', correlationId: outcome.correlationId, direction: 'out', data: frame });
    const incoming = events.filter((event) => event.type === 'frame' && event.direction === 'in');
    expect(incoming.length).toBeGreaterThan(3);
    expect(outcome).toMatchObject({ ok: true, response: '{"type":"complete","correlation_id":"raw-1"}' });
    await harness.client.dispose();
  });

  it('sends any text, even one the server rejects, and shows what comes back', async () => {
    const harness = chatHarness({ setup: () => defaultSetup(stub.url) });
    const { events } = await harness.send({
      message: 'not json',
      transport: 'raw',
      pinnedTarget: `${stub.url.replace('http', 'ws')}/chat/ws/c/s`,
      timeoutMs: 300,
    });
    expect(events.find((event) => event.type === 'frame' && event.direction === 'in')).toMatchObject({
      data: expect.stringContaining('assistant_error'),
    });
    await harness.client.dispose();
  });

  it('GETs (empty body) or POSTs any http:// URL; statuses and refusals are classified as in chat mode', async () => {
    const harness = chatHarness({ setup: () => defaultSetup(stub.url) });
    const health = await harness.send({ message: '', transport: 'raw', pinnedTarget: `${stub.url}/health` });
    expect(health.outcome).toMatchObject({ ok: true, response: expect.stringContaining('"healthy"') });
    const missing = await harness.send({ message: '{"a":1}', transport: 'raw', pinnedTarget: `${stub.url}/nope` });
    expect(missing.outcome).toMatchObject({ ok: false, error: { class: 'HTTP_STATUS', status: 404 } });
    expect(missing.events.filter((event) => event.type === 'frame').map((event) => event.type === 'frame' && event.direction)).toEqual([
      'out',
      'in',
    ]);
    const refused = await harness.send({ message: 'x', transport: 'raw', pinnedTarget: `ws://127.0.0.1:${await closedPort()}/x` });
    expect(refused.outcome).toMatchObject({ ok: false, error: { class: 'CONNECTION_REFUSED' } });
    await harness.client.dispose();
  });

  it("without a pin, raw mode talks to the resolved target's WS chat path", async () => {
    const harness = chatHarness({ setup: () => defaultSetup(stub.url) });
    const { outcome } = await harness.send({
      message: '{"type":"chat","data":{"message":"x"},"correlation_id":"r"}',
      transport: 'raw',
      timeoutMs: 300,
    });
    expect(outcome).toMatchObject({ ok: true, url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/chat\/ws\/[^/]+\/[^/]+$/) });
    await harness.client.dispose();
  });
});

describe('streaming, compare, correlation and dispose', () => {
  it('streams 10,000 tokens in order, each an event', async () => {
    const harness = chatHarness({ setup: () => defaultSetup(stub.url) });
    let tokens = 0;
    let last = '';
    const outcome = await harness.client.send({ message: 'stream 10000', transport: 'ws', pinnedTarget: stub.url }, (event) => {
      if (event.type === 'token' && event.role === 'assistant') {
        tokens += 1;
        last = event.content;
      }
    });
    expect(tokens).toBe(10_000);
    expect(last).toBe(' tok10000');
    expect(outcome.ok && outcome.response.length).toBe(
      'tok1'.length + Array.from({ length: 9999 }, (_, i) => ` tok${i + 2}`).join('').length,
    );
    await harness.client.dispose();
  });

  it('compare: both paths answer and agree; a broken WS path is caught', async () => {
    const harness = chatHarness({ setup: () => defaultSetup(stub.url) });
    const seen = new Set<string>();
    const same = await harness.client.compare({ message: 'compare me' }, (transport, event) => seen.add(`${transport}:${event.type}`));
    expect(same).toMatchObject({ bothAnswered: true, agree: true, summary: 'Both paths answered the same.' });
    expect(same.ws.correlationId).not.toBe(same.http.correlationId);
    expect([...seen]).toEqual(expect.arrayContaining(['ws:target', 'ws:complete', 'http:target', 'http:complete']));
    stub.setFault('ws-broken');
    const broken = await harness.client.compare({ message: 'compare me' });
    expect(broken).toMatchObject({ bothAnswered: false, agree: false, summary: 'HTTP answered; WS failed with WS_HANDSHAKE_FAILED.' });
    stub.setFault('none');
    await harness.client.dispose();
  });

  it('puts the correlation id on the wire: X-Correlation-ID on HTTP and on the upgrade, correlation_id in the WS request', async () => {
    const seen: { headers: IncomingHttpHeaders[]; frames: string[] } = { headers: [], frames: [] };
    const server = createServer((req, res) => {
      seen.headers.push(req.headers);
      req.resume();
      req.on('end', () =>
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true,"response":"ok","session_id":"s"}'),
      );
    });
    const wss = new WebSocketServer({ server });
    wss.on('connection', (socket, req) => {
      seen.headers.push(req.headers);
      socket.on('message', (data) => {
        seen.frames.push(String(data));
        socket.send('{"type":"complete"}');
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const harness = chatHarness({ setup: () => defaultSetup(url) });
    await harness.send({ message: 'hi', transport: 'http', correlationId: 'corr-http' });
    await harness.send({ message: 'hi', transport: 'ws', correlationId: 'corr-ws', journey: undefined });
    // The health GET of target resolution carries it too.
    expect(seen.headers.map((headers) => headers['x-correlation-id'])).toEqual(['corr-http', 'corr-http', 'corr-ws', 'corr-ws']);
    expect(JSON.parse(seen.frames[0] ?? '{}')).toEqual({ type: 'chat', data: { message: 'hi' }, correlation_id: 'corr-ws' });
    await harness.client.dispose();
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((done) => wss.close(() => done()));
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  });

  it('dispose() ends a live stream: the send resolves with 1001 going away, and later sends are refused', async () => {
    stub.setFault('slow-first-token', 10_000);
    const harness = chatHarness({ setup: () => defaultSetup(stub.url) });
    const pending = harness.client.send({ message: 'hi', transport: 'ws', pinnedTarget: stub.url }, (event) => {
      if (event.type === 'status') void harness.client.dispose();
    });
    expect(await pending).toMatchObject({ ok: false, error: { class: 'WS_CLOSED', closeCode: 1001, closeName: 'going away' } });
    await expect(harness.client.send({ message: 'hi', transport: 'ws' }, () => undefined)).rejects.toThrow('disposed');
    stub.setFault('none');
  });
});
