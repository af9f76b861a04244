import { connect, type LookupFunction, type Socket } from 'node:net';
import type { ProbeResult } from '../../../shared/model/index.ts';
import type { ServedSubscription } from './answered-ports.ts';
import { elapsed, timeoutError, toProbeError } from './probe-error.ts';

/**
 * How long a fresh connection is watched for the peer hanging up before it counts as open, ms (bounded by
 * what is left of the probe's budget). Docker's userland proxy (docker-proxy) accepts on the published
 * host port, then dials the container and, when nothing listens there, closes the client connection: a
 * plain connect would call that port open. The proxy's dial on the local bridge fails within a few ms.
 */
export const PEER_CLOSE_WINDOW_MS = 100;

/** How a TCP probe watches a fresh connection for the peer hanging up. */
export interface TcpWatchOptions {
  /** Watch length, ms; default {@link PEER_CLOSE_WINDOW_MS} (bounded by what is left of the budget). */
  windowMs?: number;
  /**
   * Tells the probe that another connection to this port got an answer to a request while it ran: the port is
   * served, so the watch ends at once (see answered-ports.ts). Default: none, the watch runs its length.
   */
  served?: ServedSubscription;
}

/**
 * Opens a TCP connection to `host:port`, watches it for {@link PEER_CLOSE_WINDOW_MS} (or until another
 * connection to the port got an answer, {@link TcpWatchOptions.served}), then closes it. The
 * budget `timeoutMs` covers name resolution, the connect and the watch; on expiry the socket is destroyed
 * so nothing lingers. A peer that sends data first (SSH, SMTP, MySQL) is open at once; one that closes or
 * resets the connection before sending anything is `PEER_CLOSED` / `ECONNRESET` with
 * `detail.connected: true`: the port accepts but nothing answers behind it.
 * detail: `{ address, connectMs }` on success (latencyMs is the connect time, not the watch). `lookup`
 * resolves the host name (default: the OS resolver through `dns.lookup`); `watch` tunes the watch.
 */
export function probeTcp(
  host: string,
  port: number,
  timeoutMs: number,
  lookup?: LookupFunction,
  watch: TcpWatchOptions = {},
): Promise<ProbeResult> {
  const start = performance.now();
  const target = `${host}:${port}`;
  const base = { kind: 'tcp' as const, target, from: 'host' };
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    return Promise.resolve({ ...base, ok: false, latencyMs: 0, error: { code: 'INVALID_TARGET', message: `Invalid port ${port}` } });
  }
  return new Promise((resolve) => {
    let settled = false;
    let socket: Socket;
    try {
      socket = connect({ host, port, ...(lookup ? { lookup } : {}) });
    } catch (err) {
      resolve({ ...base, ok: false, latencyMs: elapsed(start), error: toProbeError(err, target) });
      return;
    }
    // Set once another connection to this port got an answer; ends the watch (or skips it) from then on.
    let servedSeen = false;
    let endWatch: (() => void) | undefined;
    const servedSubscription = watch.served?.(() => {
      servedSeen = true;
      endWatch?.();
    });
    const finish = (result: ProbeResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      servedSubscription?.dispose();
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => {
      finish({ ...base, ok: false, latencyMs: elapsed(start), error: timeoutError(`Connect to ${target}`, timeoutMs) });
    }, timeoutMs);
    let connectMs: number | undefined;
    socket.once('connect', () => {
      connectMs = elapsed(start);
      const open = { ...base, ok: true, latencyMs: connectMs, detail: { address: socket.remoteAddress, connectMs } };
      const left = timeoutMs - connectMs;
      if (left <= 0 || servedSeen) return finish(open);
      endWatch = () => finish(open);
      const watchTimer = setTimeout(() => finish(open), Math.min(watch.windowMs ?? PEER_CLOSE_WINDOW_MS, left));
      socket.once('close', () => clearTimeout(watchTimer));
      socket.once('data', () => finish(open));
      socket.once('end', () =>
        finish({
          ...base,
          ok: false,
          latencyMs: elapsed(start),
          detail: { address: socket.remoteAddress, connected: true, connectMs },
          error: {
            code: 'PEER_CLOSED',
            message: `Connection accepted, then closed by the peer without a byte (${target}): nothing answers behind it`,
          },
        }),
      );
    });
    // Kept attached after settling: a destroyed socket may still emit, and an unhandled 'error' would crash.
    socket.on('error', (err) => {
      const connected = connectMs !== undefined ? { detail: { connected: true, connectMs } } : {};
      finish({ ...base, ok: false, latencyMs: elapsed(start), error: toProbeError(err, target), ...connected });
    });
  });
}
