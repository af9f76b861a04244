import { connect, type Socket } from 'node:net';
import type { Clock } from '../../core/ports/clock.port.ts';
import type { WireExchangePort, WireOutcome, WireRequest } from '../../core/ports/wire-exchange.port.ts';
import { systemClock } from '../clock/system-clock.ts';
import { timeoutError, toProbeError } from '../network/probe-error.ts';

const DEFAULT_MAX_BYTES = 65_536;

/**
 * The node:net wire exchange: one connection per request, bounded by `timeoutMs` from before the connect to
 * the last byte, destroyed on every way out (complete, peer close, error, timeout, abort, overflow).
 */
export function createWireExchange(clock: Clock = systemClock): WireExchangePort {
  return { exchange: (request) => exchange(request, clock) };
}

function exchange(request: WireRequest, clock: Clock): Promise<WireOutcome> {
  const { host, port, timeoutMs, send, complete, signal } = request;
  const maxBytes = request.maxBytes ?? DEFAULT_MAX_BYTES;
  const start = clock.now();
  const since = (): number => Math.max(0, Math.round((clock.now() - start) * 10) / 10);
  const target = `${host}:${port}`;
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    return Promise.resolve(ended('error', { code: 'INVALID_TARGET', message: `Invalid port ${port}` }));
  }
  if (signal?.aborted) return Promise.resolve(ended('error', { code: 'ABORTED', message: `Exchange with ${target} aborted` }));

  function ended(end: WireOutcome['end'], error?: WireOutcome['error']): WireOutcome {
    return { end, connected: false, bytes: new Uint8Array(0), latencyMs: since(), ...(error ? { error } : {}) };
  }

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let connectMs: number | undefined;
    let settled = false;
    let socket: Socket;
    try {
      socket = connect({ host, port });
    } catch (err) {
      resolve(ended('error', toProbeError(err, target)));
      return;
    }

    const finish = (end: WireOutcome['end'], error?: WireOutcome['error']): void => {
      if (settled) return;
      settled = true;
      timer.dispose();
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve({
        end,
        connected: connectMs !== undefined,
        bytes: Buffer.concat(chunks),
        latencyMs: since(),
        ...(connectMs !== undefined ? { connectMs } : {}),
        ...(connectMs !== undefined && socket.remoteAddress ? { address: socket.remoteAddress } : {}),
        ...(error ? { error } : {}),
      });
    };
    const onAbort = (): void => finish('error', { code: 'ABORTED', message: `Exchange with ${target} aborted` });
    const timer = clock.setTimeout(() => finish('timeout', timeoutError(`Exchange with ${target}`, timeoutMs)), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });

    socket.once('connect', () => {
      connectMs = since();
      if (send && send.length > 0) socket.write(send);
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (received > maxBytes) return finish('overflow');
      if (complete(Buffer.concat(chunks))) finish('complete');
    });
    socket.once('end', () => finish('peer-closed'));
    // Kept attached after settling: a destroyed socket may still emit, and an unhandled 'error' would crash.
    socket.on('error', (err) => {
      // A reset after bytes arrived is the peer hanging up, as MySQL does after an ERR greeting.
      if (received > 0 && (err as NodeJS.ErrnoException).code === 'ECONNRESET') return finish('peer-closed');
      finish('error', toProbeError(err, target));
    });
  });
}
