import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A real HTTP server on 127.0.0.1 for smoke checks: a few routes a stack's API might have. */
export interface SmokeServer {
  url: string;
  port: number;
  /** Server-side sockets still open: a check must leave none behind. */
  openSockets(): number;
  /** Requests seen, in order. */
  requests: Array<{ method: string; path: string; headers: IncomingMessage['headers']; body: string }>;
  close(): Promise<void>;
}

type Route = (req: IncomingMessage, res: ServerResponse, body: string) => void;

const json = (res: ServerResponse, status: number, value: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
};

const ROUTES: Record<string, Route> = {
  '/health': (_req, res) => json(res, 200, { status: 'healthy', checks: [{ name: 'db', ok: true }], version: '1.4.2' }),
  '/degraded': (_req, res) => json(res, 503, { status: 'degraded', checks: [{ name: 'db', ok: false }] }),
  '/echo': (req, res, body) => json(res, 200, { method: req.method, headers: req.headers, body }),
  '/text': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('all systems go'),
  '/moved': (_req, res) => res.writeHead(301, { location: '/health' }).end(),
  '/big': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(3 * 1024 * 1024)),
  '/private': (req, res) => {
    const expected = `Basic ${Buffer.from('admin:s3cr3t pass').toString('base64')}`;
    if (req.headers.authorization === expected) json(res, 200, { ok: true });
    else json(res, 401, { detail: 'who are you' });
  },
  // Accepts the request and never answers.
  '/hang': () => undefined,
};

export async function startSmokeServer(): Promise<SmokeServer> {
  const requests: SmokeServer['requests'] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', path, headers: req.headers, body });
      const route = ROUTES[path];
      if (route) route(req, res, body);
      else json(res, 404, { detail: 'not found' });
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    openSockets: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Resolves once the server has no open socket (the peer's close takes a moment to arrive), or after `ms`. */
export async function socketsDrained(server: SmokeServer, ms = 2000): Promise<number> {
  const end = Date.now() + ms;
  while (server.openSockets() > 0 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
  return server.openSockets();
}
