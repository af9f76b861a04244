import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { silentLogger, type Logger } from '../../main/core/ports/logger.port.ts';
import { FaultMode, type FaultState } from './fault-mode.ts';
import { DEFAULT_DELAY_MS, MAX_DELAY_MS } from './fault-modes.ts';
import { handleHttp } from './http-routes.ts';
import { serveChatSession } from './ws-session.ts';

export interface AgentStubOptions {
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /** TCP port; 0 (the default here; the CLI defaults to 8006) picks a free one. */
  port?: number;
  /** Fault at start. Default `none`. */
  fault?: FaultMode;
  /** Delay before the first token under `slow-first-token`, ms. Default 2000. */
  delayMs?: number;
  /** Largest WebSocket frame accepted from a client, bytes; bigger ones close the connection (1009). Default 1 MiB. */
  maxPayloadBytes?: number;
  logger?: Logger;
}

export interface AgentStub {
  /** `http://HOST:PORT`, no trailing slash; the WS base is the same with `ws://`. */
  url: string;
  port: number;
  /** Switches the fault for the next exchanges (answers already streaming keep theirs). */
  setFault(mode: FaultMode, delayMs?: number): void;
  /** The current fault and delay. */
  fault(): FaultState;
  /** Terminates WebSocket clients, closes every connection, stops listening. Idempotent. */
  close(): Promise<void>;
}

/** `{client_id}` and `{session_id}` of the default profile's WS path; each a non-empty segment. */
const WS_PATH = /^\/chat\/ws\/([^/]+)\/([^/]+)\/?$/;

function rejectUpgrade(socket: Duplex, status: 400 | 404, message: string): void {
  const reason = status === 404 ? 'Not Found' : 'Bad Request';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`,
  );
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * The reference agent: the default orchestrator profile (health, HTTP chat, WS streaming) on a real socket,
 * with switchable faults (see {@link FaultMode}). For tests, demos and the chat benchmark.
 */
export async function startAgentStub(options: AgentStubOptions = {}): Promise<AgentStub> {
  const logger = options.logger ?? silentLogger;
  const host = options.host ?? '127.0.0.1';
  const state: FaultState = { mode: FaultMode.parse(options.fault ?? 'none'), delayMs: DEFAULT_DELAY_MS };
  const setFault = (mode: FaultMode, delayMs?: number): void => {
    state.mode = FaultMode.parse(mode);
    if (delayMs !== undefined) state.delayMs = Math.min(Math.max(0, Math.round(delayMs)), MAX_DELAY_MS);
    logger.info({ fault: state.mode, delayMs: state.delayMs }, 'agent stub fault set');
  };
  if (options.delayMs !== undefined) setFault(state.mode, options.delayMs);
  const fault = (): FaultState => ({ ...state });

  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes ?? 1024 * 1024 });
  const server = createServer((req, res) => {
    handleHttp(req, res, { fault, setFault, logger }).catch((error: unknown) => {
      logger.error({ err: String(error), url: req.url }, 'agent stub request failed');
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"detail":"agent stub error"}');
      else res.destroy();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => undefined);
    const match = WS_PATH.exec(new URL(req.url ?? '/', 'http://stub.invalid').pathname);
    if (!match) return rejectUpgrade(socket, 404, 'Not Found');
    if (state.mode === 'ws-broken') return rejectUpgrade(socket, 404, 'Not Found (agent stub fault: ws-broken)');
    const clientId = decodeSegment(match[1] ?? '');
    const sessionId = decodeSegment(match[2] ?? '');
    if (clientId === null || sessionId === null) return rejectUpgrade(socket, 400, 'Bad client or session id');
    wss.handleUpgrade(req, socket, head, (ws) => serveChatSession(ws, { clientId, sessionId, fault, logger }));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  logger.info({ host, port, fault: state.mode }, 'agent stub listening');

  let closing: Promise<void> | null = null;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    setFault,
    fault,
    close() {
      closing ??= (async () => {
        for (const client of wss.clients) client.terminate();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await stopped;
        logger.info({ port }, 'agent stub stopped');
      })();
      return closing;
    },
  };
}
