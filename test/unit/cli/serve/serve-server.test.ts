import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { silentLogger } from '../../../../src/main/core/ports/logger.port.ts';
import { toDisposable } from '../../../../src/shared/lifecycle/disposable.ts';
import { startServeServer, type ServeServer } from '../../../../src/main/cli/serve/serve-server.ts';
import { connect, echoDispatch as dispatch, frames, get, rendererFixture } from './support/serve-client.ts';

const TOKEN = 'test-token-abc_123';
let dir: string;
let server: ServeServer;
let emit: ((channel: string, payload: unknown) => void) | undefined;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  const fixture = rendererFixture();
  dir = fixture.dir;
  const renderer = fixture.renderer;
  server = await startServeServer({
    dispatch,
    subscribe: (e) => {
      emit = e;
      return toDisposable(() => undefined);
    },
    rendererDir: renderer,
    token: TOKEN,
    logger: silentLogger,
  });
});

afterAll(async () => {
  for (const ws of sockets) ws.terminate();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(): Promise<{ ws: WebSocket; next: () => Promise<Record<string, unknown>> }> {
  const ws = await connect(server.port, `?token=${TOKEN}`);
  sockets.push(ws);
  return { ws, next: frames(ws) };
}

describe('serve server over HTTP', () => {
  it('prints a loopback URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`);
  });

  it('answers 401 without a token and with a bad one', async () => {
    expect((await get(server.port, '/')).status).toBe(401);
    expect((await get(server.port, '/?token=wrong')).status).toBe(401);
    expect((await get(server.port, '/assets/app.js')).status).toBe(401);
  });

  it('serves index.html with the token, a strict CSP, nosniff and an HttpOnly SameSite=Strict cookie', async () => {
    const res = await get(server.port, `/?token=${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Stack Doctor</title>');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    expect(csp).toContain("frame-ancestors 'none'");
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('loads assets with the cookie the page set', async () => {
    const page = await get(server.port, `/?token=${TOKEN}`);
    const cookie = String(page.headers['set-cookie']).split(';')[0] ?? '';
    const asset = await get(server.port, '/assets/app.js', { Cookie: cookie });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.body).toBe('console.log(1)');
    const [name] = cookie.split('=');
    expect((await get(server.port, '/assets/app.js', { Cookie: `${name}=forged` })).status).toBe(401);
  });

  it('never puts the token in the cookie: other servers on 127.0.0.1 receive cookies (ports are ignored)', async () => {
    const cookie = String((await get(server.port, `/?token=${TOKEN}`)).headers['set-cookie']);
    expect(cookie).not.toContain(TOKEN);
    expect(cookie).toMatch(new RegExp(`^stack_doctor_session_${server.port}=[A-Za-z0-9_-]{43};`));
  });

  it('binds the cookie to this server: another serve run with the same token refuses it', async () => {
    const other = await startServeServer({
      dispatch,
      subscribe: () => toDisposable(() => undefined),
      rendererDir: dir,
      token: TOKEN,
      logger: silentLogger,
    });
    try {
      const mine = String((await get(server.port, `/?token=${TOKEN}`)).headers['set-cookie']).split(';')[0] ?? '';
      const value = mine.slice(mine.indexOf('=') + 1);
      // Same name as the other server would use, same value: still not its session.
      expect((await get(other.port, '/assets/app.js', { Cookie: `stack_doctor_session_${other.port}=${value}` })).status).toBe(401);
      expect((await get(other.port, '/assets/app.js', { Cookie: mine })).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('rejects a foreign Origin and a foreign Host with 403, even with the token', async () => {
    expect((await get(server.port, `/?token=${TOKEN}`, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await get(server.port, `/?token=${TOKEN}`, { Host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await get(server.port, `/?token=${TOKEN}`, { Origin: `http://localhost:${server.port}` })).status).toBe(200);
  });

  it('blocks path traversal, encoded or not', async () => {
    for (const path of [
      `/../secret.txt?token=${TOKEN}`,
      `/..%2fsecret.txt?token=${TOKEN}`,
      `/%2e%2e/secret.txt?token=${TOKEN}`,
      `/assets/..%2f..%2fsecret.txt?token=${TOKEN}`,
    ]) {
      const res = await get(server.port, path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.body).not.toContain('top secret');
    }
  });
});

describe('serve server over WebSocket', () => {
  it('refuses the upgrade without a token (401) and from a foreign Origin (403)', async () => {
    await expect(connect(server.port, '')).rejects.toThrow('HTTP 401');
    await expect(connect(server.port, `?token=${TOKEN}`, { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
  });

  it('accepts the cookie instead of the query token', async () => {
    const page = await get(server.port, `/?token=${TOKEN}`);
    const cookie = String(page.headers['set-cookie']).split(';')[0] ?? '';
    const ws = await connect(server.port, '', { Cookie: cookie, Origin: `http://127.0.0.1:${server.port}` });
    sockets.push(ws);
    expect(ws.readyState).toBe(WebSocket.OPEN);
  });

  it('round-trips an invoke through dispatch', async () => {
    const { ws, next } = await open();
    ws.send(JSON.stringify({ kind: 'invoke', id: 7, channel: 'app:info', payload: { a: 1 } }));
    expect(await next()).toEqual({ kind: 'result', id: 7, result: { ok: true, value: { echo: { a: 1 } } } });
  });

  it('answers malformed frames with BAD_MESSAGE and keeps the connection', async () => {
    const { ws, next } = await open();
    ws.send('{not json');
    expect(await next()).toMatchObject({ kind: 'result', id: null, result: { ok: false, error: { code: 'BAD_MESSAGE' } } });
    ws.send(JSON.stringify({ kind: 'invoke', id: 3, channel: 42 }));
    expect(await next()).toMatchObject({ kind: 'result', id: 3, result: { ok: false, error: { code: 'BAD_MESSAGE' } } });
    ws.send(JSON.stringify({ kind: 'invoke', id: 4, channel: 'app:info', payload: {} }));
    expect(await next()).toEqual({ kind: 'result', id: 4, result: { ok: true, value: { echo: {} } } });
    expect(ws.readyState).toBe(WebSocket.OPEN);
  });

  it('closes a connection whose frame exceeds the 1 MiB cap', async () => {
    const { ws } = await open();
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('x'.repeat(1024 * 1024 + 1));
    expect(await closed).toBe(1009);
  });

  it('broadcasts events to every client', async () => {
    const a = await open();
    const b = await open();
    emit?.('diagnosis:started', { correlationId: 'c1', workspace: '/w' });
    const expected = { kind: 'event', channel: 'diagnosis:started', payload: { correlationId: 'c1', workspace: '/w' } };
    expect(await a.next()).toEqual(expected);
    expect(await b.next()).toEqual(expected);
  });
});

describe('serve server lifecycle', () => {
  it('answers 503 with a build hint when the renderer is not built, and close() ends clients', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'sd-serve-empty-'));
    let disposals = 0;
    let stopped = false;
    const other = await startServeServer({
      dispatch,
      // An async release (a subscription whose teardown does I/O): close() waits for it.
      subscribe: () =>
        toDisposable(async () => {
          disposals++;
          await new Promise((resolve) => setTimeout(resolve, 50));
          stopped = true;
        }),
      rendererDir: empty,
      token: TOKEN,
      logger: silentLogger,
    });
    try {
      const res = await get(other.port, `/?token=${TOKEN}`);
      expect(res.status).toBe(503);
      expect(res.body).toContain('npm run build');
      const ws = await connect(other.port, `?token=${TOKEN}`);
      const closed = new Promise((resolve) => ws.once('close', resolve));
      await other.close();
      expect(stopped).toBe(true);
      await closed;
      await other.close();
      expect(disposals).toBe(1);
      await expect(get(other.port, '/')).rejects.toThrow();
    } finally {
      await other.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
