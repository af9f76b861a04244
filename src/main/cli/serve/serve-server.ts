import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../../core/ports/logger.port.ts';
import type { Dispatch } from '../../ipc/dispatch.ts';
import { allowedHosts, checkRequest, tokenCookie } from './serve-auth.ts';
import { lookupStatic } from './static-files.ts';
import { handleClientMessage, send } from './ws-bridge.ts';

export interface ServeServerOptions {
  /** The contract's single inbound path (shared with Electron ipc). */
  dispatch: Dispatch;
  /** Called once at start with a broadcaster; returns the unsubscribe run by close(). */
  subscribe: (emit: (channel: string, payload: unknown) => void) => () => void;
  /** The built renderer (`out/renderer`); only files inside it are served. */
  rendererDir: string;
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Required on every request (query `?token=` or the cookie set by the first page load). */
  token: string;
  logger: Logger;
  /** Largest WebSocket frame accepted, bytes; bigger ones close the connection (1009). Default 1 MiB. */
  maxPayloadBytes?: number;
}

export interface ServeServer {
  /** The dashboard URL with its token: `http://127.0.0.1:PORT/?token=T`. */
  url: string;
  port: number;
  /** Terminates WebSocket clients, stops listening, unsubscribes from events. */
  close(): Promise<void>;
}

const NOT_BUILT = 'Dashboard not built yet: run npm run build, then restart stack-doctor serve.';

function cspFor(host: string): string {
  return [
    "default-src 'self'",
    `connect-src 'self' ws://${host}`,
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' });
  res.end(`${body}\n`);
}

function rejectUpgrade(socket: Duplex, status: number, message: string): void {
  const reason = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`,
  );
}

/** Serve mode: the built renderer plus the contract over a WebSocket at `/ws`, on loopback, behind a token. */
export async function startServeServer(options: ServeServerOptions): Promise<ServeServer> {
  const { dispatch, rendererDir, token, logger } = options;
  const bindHost = options.host ?? '127.0.0.1';
  let port = 0;
  let hosts: Set<string> | null = null;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes ?? 1024 * 1024 });

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://serve.invalid');
    const check = checkRequest(req, url, hosts, port, token);
    if (!check.ok) return text(res, check.status, check.message);
    if (req.method !== 'GET' && req.method !== 'HEAD') return text(res, 405, 'Method not allowed.');
    const found = await lookupStatic(rendererDir, url.pathname);
    if (found.kind === 'bad-path') return text(res, 400, 'Bad path.');
    if (found.kind === 'not-found') {
      const isIndex = url.pathname === '/' || url.pathname === '/index.html';
      return isIndex ? text(res, 503, NOT_BUILT) : text(res, 404, 'Not found.');
    }
    const headers: Record<string, string> = {
      'Content-Type': found.contentType,
      'Content-Length': String(found.body.length),
      'X-Content-Type-Options': 'nosniff',
      // The page URL carries the token: never leak it to another site.
      'Referrer-Policy': 'no-referrer',
    };
    if (found.contentType.startsWith('text/html')) {
      headers['Content-Security-Policy'] = cspFor(req.headers.host ?? `127.0.0.1:${port}`);
      headers['Cache-Control'] = 'no-store';
      headers['Set-Cookie'] = tokenCookie(port, token);
    }
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : found.body);
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      logger.error({ err: String(error), url: req.url }, 'serve request failed');
      if (!res.headersSent) text(res, 500, 'Internal error.');
      else res.destroy();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://serve.invalid');
    if (url.pathname !== '/ws') return rejectUpgrade(socket, 404, 'Not found.');
    const check = checkRequest(req, url, hosts, port, token);
    if (!check.ok) return rejectUpgrade(socket, check.status, check.message);
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    logger.info({ clients: wss.clients.size }, 'dashboard client connected');
    ws.on('error', (error) => logger.warn({ err: error.message }, 'dashboard client error'));
    ws.on('message', (data, isBinary) => {
      handleClientMessage(ws, data, isBinary, dispatch, logger).catch((error: unknown) =>
        logger.error({ err: String(error) }, 'ws message handling failed'),
      );
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(bindHost, port);

  const unsubscribe = options.subscribe((channel, payload) => {
    for (const client of wss.clients) send(client, { kind: 'event', channel, payload });
  });

  const urlHost = bindHost === '0.0.0.0' || bindHost === '::' ? '127.0.0.1' : bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  const url = `http://${urlHost}:${port}/?token=${encodeURIComponent(token)}`;
  logger.info({ host: bindHost, port }, 'serve mode listening');

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    close() {
      closing ??= (async () => {
        unsubscribe();
        for (const client of wss.clients) client.terminate();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await stopped;
        logger.info({ port }, 'serve mode stopped');
      })();
      return closing;
    },
  };
}
