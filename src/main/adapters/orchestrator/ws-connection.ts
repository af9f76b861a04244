import type { ClientRequest, IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import { abortFault, errorCode, errorMessage, type ExchangeContext, type ExchangeResult } from './exchange-context.ts';
import type { WsLease } from './ws-pool.ts';

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
 * Opens `ctx.url` (sending `X-Correlation-ID` on the upgrade), or uses the open socket `lease` hands in, and
 * runs `handlers` until one returns a result, the socket closes, or `ctx.signal` aborts. Never rejects.
 * On a successful result a leased exchange hands its socket back to the pool; otherwise the socket is closed
 * with 1000 (1002 for a protocol fault) in the background, and dispose() terminates sockets still closing.
 * A reused socket that closes before the server answered anything (the server dropped an idle connection
 * just as we sent) is retried once on a fresh connection within the same time budget.
 */
export function wsExchange(ctx: ExchangeContext, handlers: WsHandlers, lease?: WsLease): Promise<ExchangeResult> {
  return new Promise((resolve) => {
    const reused = lease?.socket ?? null;
    let settled = false;
    let opened = reused !== null;
    let answered = false;
    let lastError: Error | undefined;
    let socket: WebSocket;
    let untrack = (): void => undefined;
    const finish = (result: ExchangeResult | Promise<ExchangeResult>): void => {
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
    const onOpen = (): void => {
      opened = true;
      if (!settled) handlers.onOpen(socket);
    };
    const onMessage = (data: Buffer, isBinary: boolean): void => {
      if (settled) return;
      answered = true;
      const result = handlers.onText(isBinary ? Buffer.from(data).toString('utf8') : data.toString(), socket);
      if (!result) return;
      finish(result);
      if (result.ok && lease && socket.readyState === WebSocket.OPEN) {
        // Clean end: the socket goes back to the pool for the session's next exchange.
        detach();
        lease.release(socket);
      } else {
        socket.close(!result.ok && result.fault.kind === 'protocol' ? 1002 : 1000);
      }
    };
    const onUnexpectedResponse = (req: ClientRequest, res: IncomingMessage): void => {
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
    };
    const onError = (error: Error): void => {
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
    };
    const onClose = (code: number, reasonBuffer: Buffer): void => {
      untrack();
      if (settled) return;
      const reason = reasonBuffer.toString('utf8');
      if (!opened) {
        finish({ ok: false, fault: { kind: 'ws-handshake', message: lastError?.message ?? 'the connection closed during the handshake' } });
        return;
      }
      if (reused && !answered && lease) {
        // The pooled connection was gone before our frame got an answer: nothing of this exchange happened yet.
        finish(wsExchange(ctx, handlers, { socket: null, release: lease.release }));
        return;
      }
      const custom = handlers.onClose?.(code, reason);
      finish(custom ?? { ok: false, fault: { kind: 'ws-close', code, reason, ...(lastError ? { error: lastError.message } : {}) } });
    };
    const detach = (): void => {
      untrack();
      socket.off('open', onOpen);
      socket.off('message', onMessage);
      socket.off('unexpected-response', onUnexpectedResponse);
      socket.off('error', onError);
      socket.off('close', onClose);
    };

    if (reused) {
      socket = reused;
    } else {
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
    }
    if (ctx.signal.aborted) return onAbort();
    ctx.signal.addEventListener('abort', onAbort);
    // dispose(): settles the exchange as aborted (1001, the cause is 'disposed') and ends the socket, even one
    // still closing after its result.
    untrack = ctx.track(() => {
      if (!settled) onAbort();
      socket.terminate();
    });

    socket.on('open', onOpen);
    socket.on('message', onMessage);
    socket.on('unexpected-response', onUnexpectedResponse);
    socket.on('error', onError);
    socket.on('close', onClose);
    if (reused) handlers.onOpen(socket);
  });
}
