import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { silentLogger } from '../../../../src/main/core/ports/logger.port.ts';
import { toDisposable } from '../../../../src/shared/lifecycle/disposable.ts';
import { startServeServer, type ServeServer, type ServeServerOptions } from '../../../../src/main/cli/serve/serve-server.ts';
import { connect, echoDispatch, frames, recordingLogger, rendererFixture } from './support/serve-client.ts';

const TOKEN = 'limits-token-0123456789';
const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(
  options: Partial<ServeServerOptions> = {},
): Promise<{ server: ServeServer; emit: (channel: string, payload: unknown) => void }> {
  const fixture = rendererFixture();
  let emit: (channel: string, payload: unknown) => void = () => undefined;
  const server = await startServeServer({
    dispatch: echoDispatch,
    subscribe: (e) => {
      emit = e;
      return toDisposable(() => undefined);
    },
    rendererDir: fixture.renderer,
    token: TOKEN,
    logger: silentLogger,
    ...options,
  });
  cleanups.push(() => rmSync(fixture.dir, { recursive: true, force: true }));
  cleanups.push(() => server.close());
  return { server, emit: (channel, payload) => emit(channel, payload) };
}

async function client(server: ServeServer): Promise<WebSocket> {
  const ws = await connect(server.port, `?token=${TOKEN}`);
  cleanups.push(() => ws.terminate());
  return ws;
}

describe('serve limits', () => {
  it('refuses a connection beyond maxClients with 503, and accepts one again when a client leaves', async () => {
    const { server } = await serve({ maxClients: 2 });
    const first = await client(server);
    await client(server);
    await expect(connect(server.port, `?token=${TOKEN}`)).rejects.toThrow('HTTP 503');
    const gone = new Promise((resolve) => first.once('close', resolve));
    first.close();
    await gone;
    await expect.poll(() => server.clientCount()).toBe(1);
    expect((await client(server)).readyState).toBe(1);
  });

  it('serialises an event once per broadcast, however many clients listen', async () => {
    const { server, emit } = await serve();
    const sockets = await Promise.all([client(server), client(server), client(server)]);
    const nexts = sockets.map(frames);
    let serialised = 0;
    const payload = { toJSON: () => (serialised++, { correlationId: 'c1', workspace: '/w' }) };
    emit('diagnosis:started', payload);
    for (const next of nexts) expect(await next()).toMatchObject({ kind: 'event', payload: { correlationId: 'c1' } });
    expect(serialised).toBe(1);
  });

  it('disconnects a client that stops reading instead of buffering for it, and keeps serving the others', async () => {
    const logger = recordingLogger();
    const { server, emit } = await serve({ maxBufferedBytes: 256 * 1024, logger });
    const slow = await client(server);
    const fast = await client(server);
    let fastReceived = 0;
    fast.on('message', () => fastReceived++);
    // The slow client's socket stops reading: the kernel buffers fill, then serve's own queue would grow.
    (slow as unknown as { _socket: { pause(): void } })._socket.pause();
    const big = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 400 && server.clientCount() === 2; i++) {
      emit('diagnosis:started', { correlationId: String(i), workspace: big });
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(server.clientCount()).toBe(1);
    expect(logger.lines.some((line) => line.includes('too slow'))).toBe(true);
    await expect.poll(() => fastReceived).toBeGreaterThan(0);
    expect(fast.readyState).toBe(1);
  });
});

describe('serve refuses unsafe setups', () => {
  it('refuses a token shorter than 16 characters (and the empty one)', async () => {
    await expect(serve({ token: '' })).rejects.toThrow('at least 16 characters');
    await expect(serve({ token: 'fifteen-chars-x' })).rejects.toThrow('at least 16 characters');
    const { server } = await serve({ token: 'sixteen-chars-xy' });
    expect(server.url).toContain('token=sixteen-chars-xy');
  });

  it('refuses a non-loopback bind unless allowRemote is given', async () => {
    await expect(serve({ host: '0.0.0.0' })).rejects.toThrow('--allow-remote');
    const { server } = await serve({ host: '0.0.0.0', allowRemote: true });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  });
});
