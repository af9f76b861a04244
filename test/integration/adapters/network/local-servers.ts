import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

/** A server on 127.0.0.1 and an ephemeral port, with a close that also drops every open socket. */
export interface LocalServer {
  port: number;
  /** Sockets currently open on the server side: lets a test prove the probe left nothing behind. */
  openSockets(): number;
  close(): Promise<void>;
}

function track(server: Server | NetServer): { sockets: Set<Socket> } {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return { sockets };
}

async function listen(server: Server | NetServer): Promise<LocalServer> {
  const { sockets } = track(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    openSockets: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface HttpRoute {
  status: number;
  body?: string | Buffer;
  contentType?: string;
  /** Never answer: accept the request and hold it. */
  hang?: boolean;
}

/** An HTTP server answering per path; records the headers of the last request. */
export async function startHttpServer(
  routes: Record<string, HttpRoute>,
): Promise<LocalServer & { lastHeaders: () => IncomingHttpHeaders | undefined }> {
  let lastHeaders: IncomingHttpHeaders | undefined;
  const server = createHttpServer((req, res) => {
    lastHeaders = req.headers;
    const route = routes[req.url ?? '/'] ?? { status: 404, body: 'not found', contentType: 'text/plain' };
    if (route.hang) return;
    res.writeHead(route.status, route.contentType ? { 'content-type': route.contentType } : {});
    res.end(route.body);
  });
  const local = await listen(server);
  return { ...local, lastHeaders: () => lastHeaders };
}

/** A TCP server that accepts connections, reads and discards what arrives, and never writes a byte. */
export function startSilentServer(): Promise<LocalServer> {
  // resume(): an unread socket never sees the peer's FIN, so it would look open forever.
  return listen(createNetServer((socket) => socket.resume()));
}

/** A TCP server that resets every connection as soon as data arrives. */
export function startResettingServer(): Promise<LocalServer> {
  return listen(createNetServer((socket) => socket.once('data', () => socket.resetAndDestroy())));
}

/** A WebSocket server on `/ws`; any other path is answered with 404 (no upgrade). */
export async function startWsServer(): Promise<LocalServer> {
  const server = createHttpServer((_req, res) => {
    res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (req.url !== '/ws') {
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => ws.on('message', () => undefined));
  });
  const local = await listen(server);
  return {
    ...local,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await local.close();
    },
  };
}

/** A port on 127.0.0.1 with nothing listening: bound once to get a free number, then released. */
export async function closedPort(): Promise<number> {
  const local = await listen(createNetServer());
  await local.close();
  return local.port;
}

/** Resolves once `predicate` holds, polling every 5 ms; rejects after `withinMs`. */
export async function eventually(predicate: () => boolean, withinMs = 2000): Promise<void> {
  const deadline = performance.now() + withinMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
