import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../../core/ports/logger.port.ts';
import type { Dispatch } from '../../ipc/dispatch.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import type { Disposable } from '../../../shared/lifecycle/disposable.ts';
import { serveBundle } from './bundle-download.ts';
import { allowedHosts, checkRequest, redactToken, SessionCookie } from './serve-auth.ts';
import { tokenProblem } from './serve-token.ts';
import { checkBindHost } from './serve-policy.ts';
import { lookupStatic } from './static-files.ts';
import { broadcast, handleClientMessage } from './ws-bridge.ts';

export interface ServeServerOptions {
  /** The contract's single inbound path (shared with Electron ipc). */
  dispatch: Dispatch;
  /** Called once at start with a broadcaster; returns the subscription close() disposes (and awaits). */
  subscribe: (emit: (channel: string, payload: unknown) => void) => Disposable;
  /** The built renderer (`out/renderer`); only files inside it are served. */
  rendererDir: string;
  /** Interface to bind. Default `127.0.0.1`; anything but loopback needs `allowRemote`. */
  host?: string;
  /** Permit a non-loopback `host` (`--allow-remote`). Default false. */
  allowRemote?: boolean;
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Required on every request (query `?token=`, or the session cookie the page load sets); at least 16 characters. */
  token: string;
  logger: Logger;
  /** Largest WebSocket frame accepted, bytes; bigger ones close the connection (1009). Default 1 MiB. */
  maxPayloadBytes?: number;
  /** Most dashboard connections at once; further upgrades get 503. Default 32. */
  maxClients?: number;
  /** Unsent bytes a client may hold before it is disconnected as too slow. Default 8 MiB. */
  maxBufferedBytes?: number;
  /** Folder of written diagnostics bundles, downloadable at `/bundles/<name>`; none when absent. */
  bundlesDir?: string;
}

export interface ServeServer {
  /** The dashboard URL with its token: `http://127.0.0.1:PORT/?token=T`. */
  url: string;
  port: number;
  /** Dashboard WebSocket connections open now. */
  clientCount(): number;
  /** Terminates WebSocket clients, stops listening, unsubscribes from events. */
  close(): Promise<void>;
}

const NOT_BUILT = 'Dashboard not built yet: run npm run build, then restart stack-doctor serve.';
const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  431: 'Request Header Fields Too Large',
  503: 'Service Unavailable',
};

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

/** A raw HTTP answer on a socket no `ServerResponse` owns (an upgrade, or a request Node could not parse). */
function rawReply(socket: Duplex, status: number, message: string): void {
  if (!socket.writable) return void socket.destroy();
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** The request target as a URL, or null when it is not one (`http://[/ws`, a bare `*`…). */
function requestUrl(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://serve.invalid');
  } catch {
    return null;
  }
}

/** Serve mode: the built renderer plus the contract over a WebSocket at `/ws`, on loopback, behind a token. */
export async function startServeServer(options: ServeServerOptions): Promise<ServeServer> {
  const { dispatch, rendererDir, token, logger } = options;
  const bindHost = options.host ?? '127.0.0.1';
  const maxClients = options.maxClients ?? 32;
  const maxBufferedBytes = options.maxBufferedBytes ?? 8 * 1024 * 1024;
  const weak = tokenProblem(token);
  if (weak) throw new Error(weak);
  const bind = checkBindHost(bindHost, options.allowRemote ?? false);
  if (!bind.ok) throw new Error(bind.message);

  let port = 0;
  let hosts: Set<string> | null = null;
  let session = new SessionCookie(0);
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes ?? 1024 * 1024 });

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req);
    if (!url) return text(res, 400, 'Bad request.');
    const check = checkRequest(req, url, hosts, session, token);
    if (!check.ok) return text(res, check.status, check.message);
    if (req.method !== 'GET' && req.method !== 'HEAD') return text(res, 405, 'Method not allowed.');
    if (options.bundlesDir && (await serveBundle(options.bundlesDir, url.pathname, res, req.method === 'HEAD'))) return;
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
      headers['Set-Cookie'] = session.header();
    }
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : found.body);
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = requestUrl(req);
    if (!url) return rawReply(socket, 400, 'Bad request.');
    if (url.pathname !== '/ws') return rawReply(socket, 404, 'Not found.');
    const check = checkRequest(req, url, hosts, session, token);
    if (!check.ok) return rawReply(socket, check.status, check.message);
    if (wss.clients.size >= maxClients) return rawReply(socket, 503, `Too many dashboard connections (at most ${maxClients}).`);
    // ws answers malformed handshakes (bad key, version, extensions) with 400 itself.
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  }

  /** No request may take the server down: whatever a handler throws, the client gets 400 and serve goes on. */
  function failed(req: IncomingMessage, error: unknown, answer: () => void): void {
    logger.warn({ err: errorMessage(error), method: req.method, url: redactToken(req.url ?? '') }, 'serve request failed');
    try {
      answer();
    } catch {
      req.socket.destroy();
    }
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) =>
      failed(req, error, () => (res.headersSent ? res.destroy() : text(res, 400, 'Bad request.'))),
    );
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node detaches its own error handler from an upgraded socket: a reset before ws takes over would crash us.
    socket.on('error', () => socket.destroy());
    try {
      onUpgrade(req, socket, head);
    } catch (error) {
      failed(req, error, () => rawReply(socket, 400, 'Bad request.'));
    }
  });

  // Requests Node cannot parse (bad request line, oversized headers): answer, never log their bytes.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    logger.debug({ code: error.code }, 'serve rejected an unparsable request');
    rawReply(socket, error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400, 'Bad request.');
  });

  wss.on('connection', (ws: WebSocket) => {
    logger.info({ clients: wss.clients.size }, 'dashboard client connected');
    ws.on('error', (error) => logger.warn({ err: error.message }, 'dashboard client error'));
    const client = { socket: ws, maxBufferedBytes, logger };
    ws.on('message', (data, isBinary) => {
      handleClientMessage(client, data, isBinary, dispatch).catch((error: unknown) =>
        logger.error({ err: errorMessage(error) }, 'ws message handling failed'),
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
  session = new SessionCookie(port);

  const subscription = options.subscribe((channel, payload) =>
    broadcast(wss.clients, { kind: 'event', channel, payload }, maxBufferedBytes, logger),
  );

  const urlHost = bindHost === '0.0.0.0' || bindHost === '::' ? '127.0.0.1' : bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  const url = `http://${urlHost}:${port}/?token=${encodeURIComponent(token)}`;
  logger.info({ host: bindHost, port }, 'serve mode listening');

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    clientCount: () => wss.clients.size,
    close() {
      closing ??= (async () => {
        await subscription.dispose();
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
