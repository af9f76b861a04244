import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import {
  createWsTransport,
  type ConnectionState,
  type WebSocketLike,
  type WsTransport,
} from '../../../src/renderer/src/api/ws-transport.ts';
import { diagnosis } from './diagnosis-fixture.ts';

interface Frame {
  kind: string;
  id: number;
  channel: string;
  payload: unknown;
}

/** A real ws server on 127.0.0.1 that records what it receives and lets the test answer. */
async function startServer() {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/ws' });
  await once(wss, 'listening');
  const frames: Frame[] = [];
  const urls: string[] = [];
  const waiters: Array<() => void> = [];
  wss.on('connection', (socket, request) => {
    urls.push(request.url ?? '');
    socket.on('message', (data) => {
      frames.push(JSON.parse(String(data)) as Frame);
      waiters.splice(0).forEach((wake) => wake());
    });
  });
  const nextFrame = async (): Promise<Frame> => {
    const seen = frames.length;
    while (frames.length <= seen) await new Promise<void>((wake) => waiters.push(wake));
    return frames[seen]!;
  };
  const client = () => [...wss.clients][0]!;
  const send = (frame: unknown) => client().send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  const port = (wss.address() as AddressInfo).port;
  return {
    wss,
    frames,
    urls,
    nextFrame,
    send,
    client,
    url: `ws://127.0.0.1:${port}/ws?token=t0k`,
    close: () => new Promise((r) => wss.close(r)),
  };
}

const transports: WsTransport[] = [];
const servers: Array<{ close: () => Promise<unknown>; wss: WebSocketServer }> = [];

function connect(url: string, options: Partial<Parameters<typeof createWsTransport>[0]> = {}) {
  const transport = createWsTransport({
    url,
    createSocket: (target) => new WebSocket(target) as unknown as WebSocketLike,
    reconnectBaseMs: 20,
    reconnectMaxMs: 100,
    ...options,
  });
  transports.push(transport);
  return transport;
}

function waitForState(transport: WsTransport, state: ConnectionState): Promise<void> {
  if (transport.state() === state) return Promise.resolve();
  return new Promise((resolve) => {
    const subscription = transport.onStateChange((next) => {
      if (next === state) {
        subscription.dispose();
        resolve();
      }
    });
  });
}

afterEach(async () => {
  transports.splice(0).forEach((t) => t.dispose());
  for (const server of servers.splice(0)) {
    server.wss.clients.forEach((c) => c.terminate());
    await server.close();
  }
});

async function setup() {
  const server = await startServer();
  servers.push(server);
  const transport = connect(server.url);
  return { server, transport };
}

describe('ws transport', () => {
  it('queues a call made while connecting, sends a contract frame, and returns the validated value', async () => {
    const { server, transport } = await setup();
    const call = transport.api.getLastDiagnosis({});
    const frame = await server.nextFrame();
    expect(frame).toEqual({ kind: 'invoke', id: expect.any(Number), channel: 'diagnosis:last', payload: {} });
    expect(server.urls[0]).toBe('/ws?token=t0k');
    const d = diagnosis();
    server.send({ kind: 'result', id: frame.id, result: { ok: true, value: d } });
    await expect(call).resolves.toEqual({ ok: true, value: d });
    expect(transport.state()).toBe('open');
  });

  it('matches answers to calls by id, in any order', async () => {
    const { server, transport } = await setup();
    const info = transport.api.getAppInfo({});
    const first = await server.nextFrame();
    const settings = transport.api.getSettings({});
    const second = await server.nextFrame();
    server.send({
      kind: 'result',
      id: second.id,
      result: { ok: true, value: { workspaces: [], refreshIntervalSec: 30, probeTimeoutMs: 1500, orchestratorUrl: null } },
    });
    server.send({ kind: 'result', id: first.id, result: { ok: true, value: { version: '1', workspace: '/w', host: 'serve' } } });
    await expect(info).resolves.toMatchObject({ ok: true, value: { host: 'serve' } });
    await expect(settings).resolves.toMatchObject({ ok: true, value: { refreshIntervalSec: 30 } });
  });

  it('turns a response that fails its schema into a BAD_MESSAGE envelope and passes error envelopes through', async () => {
    const { server, transport } = await setup();
    const bad = transport.api.getAppInfo({});
    const frame = await server.nextFrame();
    server.send({ kind: 'result', id: frame.id, result: { ok: true, value: { version: 3 } } });
    const result = await bad;
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_MESSAGE' } });
    expect(!result.ok && result.error.message).toContain('app:info');

    const refused = transport.api.updateSettings({ refreshIntervalSec: 1 });
    const second = await server.nextFrame();
    server.send({ kind: 'result', id: second.id, result: { ok: false, error: { code: 'INVALID_REQUEST', message: 'too small' } } });
    await expect(refused).resolves.toEqual({ ok: false, error: { code: 'INVALID_REQUEST', message: 'too small' } });
  });

  it('ignores garbage frames and keeps the connection', async () => {
    const { server, transport } = await setup();
    const call = transport.api.getAppInfo({});
    const frame = await server.nextFrame();
    server.send('not json');
    server.send({ kind: 'nonsense' });
    server.send({ kind: 'result', id: 9999, result: { ok: true, value: 1 } });
    server.send({ kind: 'result', id: null, result: { ok: false, error: { code: 'BAD_MESSAGE', message: 'x' } } });
    server.send({ kind: 'result', id: frame.id, result: { ok: true, value: { version: '1', workspace: '/w', host: 'serve' } } });
    await expect(call).resolves.toMatchObject({ ok: true });
    expect(transport.state()).toBe('open');
  });

  it('fans events out to every listener, validated, and stops after unsubscribe', async () => {
    const { server, transport } = await setup();
    await waitForState(transport, 'open');
    const a: unknown[] = [];
    const b: unknown[] = [];
    const subscriptionA = transport.api.on('diagnosisStarted', (payload) => a.push(payload));
    let firstSeen!: () => void;
    const seen = new Promise<void>((resolve) => (firstSeen = resolve));
    transport.api.on('diagnosisStarted', (payload) => {
      b.push(payload);
      firstSeen();
    });
    const completed: unknown[] = [];
    transport.api.on('diagnosisCompleted', (payload) => completed.push(payload));

    server.send({ kind: 'event', channel: 'diagnosis:completed', payload: { verdict: 'nope' } });
    server.send({ kind: 'event', channel: 'unknown:event', payload: {} });
    server.send({ kind: 'event', channel: 'diagnosis:started', payload: { correlationId: 'c1', workspace: '/w' } });
    await seen;
    subscriptionA.dispose();
    server.send({ kind: 'event', channel: 'diagnosis:started', payload: { correlationId: 'c2', workspace: '/w' } });
    // A call answered after the events proves they were all processed (one socket, in order).
    const call = transport.api.getAppInfo({});
    const frame = await server.nextFrame();
    server.send({ kind: 'result', id: frame.id, result: { ok: true, value: { version: '1', workspace: '/w', host: 'serve' } } });
    await call;

    expect(a).toEqual([{ correlationId: 'c1', workspace: '/w' }]);
    expect(b).toEqual([
      { correlationId: 'c1', workspace: '/w' },
      { correlationId: 'c2', workspace: '/w' },
    ]);
    expect(completed).toEqual([]);
  });

  it('settles in-flight calls with DISCONNECTED when the socket drops, reconnects, and works again', async () => {
    const { server, transport } = await setup();
    const inFlight = transport.api.runDiagnosis({});
    await server.nextFrame();
    const reconnecting = waitForState(transport, 'reconnecting');
    server.client().terminate();
    await expect(inFlight).resolves.toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
    await reconnecting;
    await waitForState(transport, 'open');
    expect(server.urls).toHaveLength(2);

    const again = transport.api.getAppInfo({});
    const frame = await server.nextFrame();
    server.send({ kind: 'result', id: frame.id, result: { ok: true, value: { version: '1', workspace: '/w', host: 'serve' } } });
    await expect(again).resolves.toMatchObject({ ok: true });
  });

  it('keeps retrying while the server is down and sends queued calls once it is back', async () => {
    const first = await startServer();
    const port = new URL(first.url).port;
    await first.close();
    const transport = connect(first.url);
    await waitForState(transport, 'reconnecting');
    const queued = transport.api.getAppInfo({});

    const wss = new WebSocketServer({ host: '127.0.0.1', port: Number(port), path: '/ws' });
    servers.push({ wss, close: () => new Promise((r) => wss.close(r)) });
    const [socket] = (await once(wss, 'connection')) as [WebSocket];
    const [data] = (await once(socket, 'message')) as [Buffer];
    const frame = JSON.parse(String(data)) as Frame;
    expect(frame.channel).toBe('app:info');
    socket.send(
      JSON.stringify({ kind: 'result', id: frame.id, result: { ok: true, value: { version: '2', workspace: '/w', host: 'serve' } } }),
    );
    await expect(queued).resolves.toMatchObject({ ok: true, value: { version: '2' } });
  });

  it('answers DISCONNECTED after the request timeout', async () => {
    const server = await startServer();
    servers.push(server);
    const transport = connect(server.url, { requestTimeoutMs: 50 });
    const call = transport.api.runDiagnosis({});
    await server.nextFrame();
    await expect(call).resolves.toMatchObject({ ok: false, error: { code: 'DISCONNECTED', message: expect.stringContaining('50 ms') } });
  });

  it('dispose() settles pending calls, refuses new ones and does not reconnect', async () => {
    const { server, transport } = await setup();
    const pending = transport.api.runDiagnosis({});
    await server.nextFrame();
    transport.dispose();
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
    await expect(transport.api.getAppInfo({})).resolves.toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
    expect(transport.state()).toBe('closed');
    expect(server.urls).toHaveLength(1);
  });
});
