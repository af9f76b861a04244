import type { ClientRequest, IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import { abortFault, errorCode, errorMessage, type ExchangeContext, type ExchangeResult } from './exchange-context.ts';

/** Most of a refused upgrade's body kept, bytes: enough for an error message, not a page. */
const HANDSHAKE_BODY_CAP = 8 * 1024;

/** What a WS exchange does with its socket; the connection handles the lifecycle and the failures. */
export interface WsHandlers {
  onOpen(socket: WebSocket): void;
  /** One text frame (binary frames are decoded as UTF-8); a result ends the exchange, null continues. */
  onText(text: string, socket: WebSocket): ExchangeResult | null;
  /** The socket closed before a result; default: a WS_CLOSED fault with the code and reason. */
  onClose?(code: number, reason: string): ExchangeResult | null;
  /** The timeout hit after the open; default: a TIMEOUT fault. Raw mode ends its listening window here. */
  onTimeoutAfterOpen?(): ExchangeResult;
}

/**
 * Opens `ctx.url` (sending `X-Correlation-ID` on the upgrade) and runs `handlers` until one returns a
 * result, the socket closes, or `ctx.signal` aborts. Never rejects. On a result the socket is closed with
 * 1000 (1002 for a protocol fault) in the background; dispose() terminates sockets still closing.
 */
export function wsExchange(ctx: ExchangeContext, handlers: WsHandlers): Promise<ExchangeResult> {
  return new Promise((resolve) => {
    let settled = false;
    let opened = false;
    let lastError: Error | undefined;
    let socket: WebSocket;
    const finish = (result: ExchangeResult): void => {
      if (settled) return;
      settled = true;
      ctx.signal.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const onAbort = (): void => {
      if (opened && ctx.abortCause() === 'timeout' && handlers.onTimeoutAfterOpen) finish(handlers.onTimeoutAfterOpen());
      else finish({ ok: false, fault: abortFault(ctx, opened ? 'answer' : 'connect') });
      if (opened && socket.readyState === WebSocket.OPEN) socket.close(1000);
      else socket.terminate();
    };
    try {
      socket = new WebSocket(ctx.url, {
        perMessageDeflate: false,
        followRedirects: false,
        headers: { 'X-Correlation-ID': ctx.correlationId, 'User-Agent': 'stack-doctor' },
      });
    } catch (error) {
      // ws throws synchronously for URLs it refuses (bad scheme, a fragment).
      finish({ ok: false, fault: { kind: 'ws-handshake', message: errorMessage(error) } });
      return;
    }
    if (ctx.signal.aborted) return onAbort();
    ctx.signal.addEventListener('abort', onAbort);
    // dispose(): settles the exchange as aborted (1001, the cause is 'disposed') and ends the socket, even one
    // still closing after its result.
    const untrack = ctx.track(() => {
      if (!settled) onAbort();
      socket.terminate();
    });

    socket.on('open', () => {
      opened = true;
      if (!settled) handlers.onOpen(socket);
    });
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (settled) return;
      const result = handlers.onText(isBinary ? Buffer.from(data).toString('utf8') : data.toString(), socket);
      if (!result) return;
      finish(result);
      socket.close(!result.ok && result.fault.kind === 'protocol' ? 1002 : 1000);
    });
    socket.on('unexpected-response', (req: ClientRequest, res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      const done = (): void => {
        finish({
          ok: false,
          fault: { kind: 'ws-handshake', status, message: `HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`, body: Buffer.concat(chunks).toString('utf8') },
        });
        req.destroy();
        socket.terminate();
      };
      res.on('data', (chunk: Buffer) => {
        if (size < HANDSHAKE_BODY_CAP) chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', done);
      res.on('error', done);
      res.on('close', done);
    });
    socket.on('error', (error: Error) => {
      lastError = error;
      const code = errorCode(error);
      if (!opened) {
        finish({
          ok: false,
          fault: code && !code.startsWith('WS_ERR_') ? { kind: 'network', code, message: error.message, phase: 'connect' } : { kind: 'ws-handshake', message: error.message },
        });
      } else if (code.startsWith('WS_ERR_')) {
        // An invalid frame at the WebSocket level (bad opcode, invalid UTF-8, bad close code).
        finish({ ok: false, fault: { kind: 'protocol', problem: `an invalid WebSocket frame (${error.message})`, rawFrame: '' } });
      }
    });
    socket.on('close', (code: number, reasonBuffer: Buffer) => {
      untrack();
      if (settled) return;
      const reason = reasonBuffer.toString('utf8');
      if (!opened) {
        finish({ ok: false, fault: { kind: 'ws-handshake', message: lastError?.message ?? 'the connection closed during the handshake' } });
        return;
      }
      const custom = handlers.onClose?.(code, reason);
      finish(custom ?? { ok: false, fault: { kind: 'ws-close', code, reason, ...(lastError ? { error: lastError.message } : {}) } });
    });
  });
}
