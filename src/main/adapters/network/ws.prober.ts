import type { ClientRequest, IncomingMessage } from 'node:http';
import type { LookupFunction } from 'node:net';
import type WebSocket from 'ws';
import type { ProbeResult } from '../../../shared/model/index.ts';
import { elapsed, timeoutError, toProbeError } from './probe-error.ts';
import { parseProbeUrl } from './probe-url.ts';
import { errorMessage } from '../../../shared/error-message.ts';

/**
 * Performs a WebSocket opening handshake on `url` (`ws:`/`wss:`), then closes cleanly (1000). Latency is
 * the time to the open. `timeoutMs` bounds the handshake and the close together; past it the socket is
 * terminated. A server that answers without upgrading gives `WS_HANDSHAKE_FAILED` with `detail.status`.
 * `lookup` resolves the host name (default: the OS resolver through `dns.lookup`).
 */
export async function probeWs(url: string, timeoutMs: number, lookup?: LookupFunction): Promise<ProbeResult> {
  const base = { kind: 'ws' as const, target: url, from: 'host' };
  const checked = parseProbeUrl(url, ['ws:', 'wss:']);
  if (!checked.ok) return { ...base, ok: false, latencyMs: 0, error: checked.error };
  const { subject } = checked;
  // Loaded on the first handshake: most stacks have no ws:// target, and loading ws cost ~9 ms of every `check`.
  const { default: WebSocket } = await import('ws');
  const start = performance.now();

  return new Promise((resolve) => {
    let result: ProbeResult | undefined;
    let resolved = false;
    let socket: WebSocket;
    try {
      // ws hands its options to http.request and net.connect, `lookup` included; its typings leave it out.
      const options = { perMessageDeflate: false, followRedirects: false, ...(lookup ? { lookup } : {}) } as WebSocket.ClientOptions;
      socket = new WebSocket(url, options);
    } catch (err) {
      // ws throws synchronously for URLs it refuses (a fragment, for one).
      resolve({
        ...base,
        ok: false,
        latencyMs: elapsed(start),
        error: { code: 'INVALID_URL', message: errorMessage(err) },
      });
      return;
    }
    const done = (): void => {
      if (resolved || !result) return;
      resolved = true;
      clearTimeout(timer);
      resolve(result);
    };
    /** Records the outcome once; the promise resolves when the socket is closed (or terminated). */
    const settle = (outcome: ProbeResult): void => {
      result ??= outcome;
    };
    const timer = setTimeout(() => {
      settle({ ...base, ok: false, latencyMs: elapsed(start), error: timeoutError(`WebSocket handshake with ${url}`, timeoutMs) });
      socket.terminate();
      done();
    }, timeoutMs);

    socket.on('open', () => {
      settle({ ...base, ok: true, latencyMs: elapsed(start), detail: { protocol: socket.protocol || undefined } });
      socket.close(1000, 'stack-doctor probe');
    });
    socket.on('unexpected-response', (req: ClientRequest, res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      settle({
        ...base,
        ok: false,
        latencyMs: elapsed(start),
        error: { code: 'WS_HANDSHAKE_FAILED', message: `Server answered HTTP ${status} instead of upgrading` },
        detail: { status },
      });
      // With this listener attached, ws leaves the request to us: abort it so the socket goes away.
      res.resume();
      req.destroy();
      socket.terminate();
      done();
    });
    socket.on('error', (err) => {
      settle({ ...base, ok: false, latencyMs: elapsed(start), error: wsError(err, subject) });
      done();
    });
    socket.on('close', () => {
      settle({
        ...base,
        ok: false,
        latencyMs: elapsed(start),
        error: { code: 'WS_HANDSHAKE_FAILED', message: 'Connection closed during the handshake' },
      });
      done();
    });
  });
}

/** Socket errors keep their codes; a protocol-level refusal (bad Accept key, wrong status) is a handshake failure. */
function wsError(err: Error, subject: string): { code: string; message: string } {
  const mapped = toProbeError(err, subject);
  if (mapped.code === 'ERROR' || mapped.code.startsWith('WS_ERR_')) {
    return { code: 'WS_HANDSHAKE_FAILED', message: err.message };
  }
  return mapped;
}
