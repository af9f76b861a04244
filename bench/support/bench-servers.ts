import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How a bench service answers `GET /health`: at once with `{status:"healthy"}`, or never. */
export type ServiceMode = 'healthy' | 'hang';

/** One real HTTP server on 127.0.0.1 standing in for a service's published port. */
export interface BenchServer {
  readonly port: number;
  /** Switchable between runs: the same ports serve the hanging and the healthy scenario. */
  mode: ServiceMode;
  close(): Promise<void>;
}

/**
 * Starts a node http server on an ephemeral loopback port. In `hang` mode it accepts the connection and
 * reads the request but never answers, so a health probe runs into its own timeout (the client side
 * destroys the socket then); held responses are released on close.
 */
export async function startBenchServer(mode: ServiceMode): Promise<BenchServer> {
  const held = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    req.resume();
    if (state.mode === 'hang') {
      held.add(res);
      res.on('close', () => held.delete(res));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', connection: 'close' });
    res.end('{"status":"healthy"}');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const state: BenchServer = {
    port: (server.address() as AddressInfo).port,
    mode,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return state;
}
