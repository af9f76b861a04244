import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { silentLogger } from '../../../../src/main/core/ports/logger.port.ts';
import type { Dispatch } from '../../../../src/main/ipc/dispatch.ts';
import { startServeServer, type ServeServer } from '../../../../src/main/cli/serve/serve-server.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw node:http so we control Host/Origin/paths exactly (fetch normalises `..` and forbids Host). */
function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Resolves with the open socket, or rejects with the HTTP status of a refused upgrade. */
function connect(port: number, query: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** A message queue per socket, so a test awaits exactly the next frame. */
function frames(ws: WebSocket): () => Promise<Record<string, unknown>> {
  const queue: Record<string, unknown>[] = [];
  const waiting: ((frame: Record<string, unknown>) => void)[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as Record<string, unknown>;
    const next = waiting.shift();
    if (next) next(frame);
    else queue.push(frame);
  });
  return () => {
    const queued = queue.shift();
    return queued ? Promise.resolve(queued) : new Promise((resolve) => waiting.push(resolve));
  };
}

const TOKEN = 'test-token-abc_123';
let dir: string;
let server: ServeServer;
let emit: ((channel: string, payload: unknown) => void) | undefined;
const sockets: WebSocket[] = [];

const dispatch: Dispatch = async (channel, payload) =>
  channel === 'app:info' ? { ok: true, value: { echo: payload } } : { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sd-serve-'));
  const renderer = join(dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Stack Doctor</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'top secret');
  server = await startServeServer({
    dispatch,
    subscribe: (e) => {
      emit = e;
      return () => undefined;
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
    expect((await get(server.port, '/assets/app.js', { Cookie: cookie.replace(TOKEN, 'forged') })).status).toBe(401);
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
    let stopped = false;
    const other = await startServeServer({
      dispatch,
      subscribe: () => () => (stopped = true),
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
      await closed;
      expect(stopped).toBe(true);
      await expect(get(other.port, '/')).rejects.toThrow();
    } finally {
      await other.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
