import { connect, type Socket } from 'node:net';
import type { ProbeResult } from '../../../shared/model/index.ts';
import { elapsed, timeoutError, toProbeError } from './probe-error.ts';

/**
 * Opens a TCP connection to `host:port` and closes it at once. The budget `timeoutMs` covers name
 * resolution and the connect; on expiry the socket is destroyed so nothing lingers.
 * detail: `{ address }` (the peer address) on success.
 */
export function probeTcp(host: string, port: number, timeoutMs: number): Promise<ProbeResult> {
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
      socket = connect({ host, port });
    } catch (err) {
      resolve({ ...base, ok: false, latencyMs: elapsed(start), error: toProbeError(err, target) });
      return;
    }
    const finish = (result: ProbeResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => {
      finish({ ...base, ok: false, latencyMs: elapsed(start), error: timeoutError(`Connect to ${target}`, timeoutMs) });
    }, timeoutMs);
    socket.once('connect', () => {
      finish({ ...base, ok: true, latencyMs: elapsed(start), detail: { address: socket.remoteAddress } });
    });
    // Kept attached after settling: a destroyed socket may still emit, and an unhandled 'error' would crash.
    socket.on('error', (err) => {
      finish({ ...base, ok: false, latencyMs: elapsed(start), error: toProbeError(err, target) });
    });
  });
}
