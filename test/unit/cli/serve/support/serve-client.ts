import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { Logger } from '../../../../../src/main/core/ports/logger.port.ts';
import type { Dispatch } from '../../../../../src/main/ipc/dispatch.ts';
import { startServeServer, type ServeServer } from '../../../../../src/main/cli/serve/serve-server.ts';
import { toDisposable } from '../../../../../src/shared/lifecycle/disposable.ts';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw node:http so we control Host/Origin/paths exactly (fetch normalises `..` and forbids Host). */
export function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
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
export function connect(port: number, query: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** A message queue per socket, so a test awaits exactly the next frame. */
export function frames(ws: WebSocket): () => Promise<Record<string, unknown>> {
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

/**
 * Writes `bytes` on a fresh TCP connection and collects everything the server sends until it closes the
 * connection (or `waitMs` passes: then the connection is dropped and what arrived is returned).
 */
export function rawExchange(port: number, bytes: string | Buffer, waitMs = 2_000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connectTcp(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    const timer = setTimeout(done, waitMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', done);
    socket.on('close', done);
    // Half-close after the request: the server answers, then closes instead of keeping the connection alive.
    socket.on('connect', () => socket.end(bytes));
  });
}

/** Writes `bytes` and resets the connection (RST, not FIN) at once: the server's answer meets a dead socket. */
export function writeThenReset(port: number, bytes: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = connectTcp(port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.on('close', () => resolve());
    socket.on('connect', () => socket.write(bytes, () => socket.resetAndDestroy()));
  });
}

/** A renderer folder with an index page and one asset, beside a secret file traversal must not reach. */
export function rendererFixture(): { dir: string; renderer: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sd-serve-'));
  const renderer = join(dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Stack Doctor</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'top secret');
  return { dir, renderer };
}

/** Echoes `app:info` payloads; every other channel is unknown. */
export const echoDispatch: Dispatch = async (channel, payload) =>
  channel === 'app:info' ? { ok: true, value: { echo: payload } } : { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };

/** A logger that keeps every line as JSON text, so a test can search all of it. */
export function recordingLogger(lines: string[] = []): Logger & { lines: string[] } {
  const write =
    (level: string, bindings: Record<string, unknown>) =>
    (obj: Record<string, unknown>, msg?: string): void => {
      lines.push(JSON.stringify({ level, ...bindings, ...obj, msg }));
    };
  const make = (bindings: Record<string, unknown>): Logger & { lines: string[] } => ({
    lines,
    child: (more) => make({ ...bindings, ...more }),
    debug: write('debug', bindings),
    info: write('info', bindings),
    warn: write('warn', bindings),
    error: write('error', bindings),
  });
  return make({});
}

/** A serve server over a fresh renderer fixture that echoes calls and sends no events; `dispose` removes both. */
export async function startEchoServer(token: string, logger: Logger): Promise<{ server: ServeServer; dispose(): Promise<void> }> {
  const fixture = rendererFixture();
  const server = await startServeServer({
    dispatch: echoDispatch,
    subscribe: () => toDisposable(() => undefined),
    rendererDir: fixture.renderer,
    token,
    logger,
  });
  return {
    server,
    dispose: async () => {
      await server.close();
      rmSync(fixture.dir, { recursive: true, force: true });
    },
  };
}
