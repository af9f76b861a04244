import { errorMessage } from '../../../shared/error-message.ts';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ChatFault } from '../../core/chat/chat-fault.ts';
import { abortFault, errorCode, type AbortCause, type ExchangeContext } from './exchange-context.ts';
import { readBody } from './http-body.ts';

/** Most of an HTTP answer kept, in bytes: chat answers can be long, a client must not buffer a download. */
export const HTTP_ANSWER_CAP_BYTES = 8 * 1024 * 1024;

export type HttpReply = { ok: true; status: number; body: string; at: number } | { ok: false; fault: ChatFault };

export interface HttpCall {
  method: 'GET' | 'POST';
  body?: string;
  contentType?: string;
}

/**
 * One HTTP request on `ctx.url` with `X-Correlation-ID`, no pooled socket (a stale keep-alive socket would
 * turn a server restart into a misleading reset). Never rejects: failures come back as faults.
 */
export function httpCall(ctx: ExchangeContext, call: HttpCall): Promise<HttpReply> {
  return new Promise((resolve) => {
    let settled = false;
    /** Connected (or answered): a timeout from here on is a slow answer, not an unreachable server. */
    let connected = false;
    let req: ClientRequest | undefined;
    let untrack = (): void => undefined;
    const finish = (reply: HttpReply): void => {
      if (settled) return;
      settled = true;
      ctx.deadline.unlisten(expiry);
      untrack();
      req?.destroy();
      resolve(reply);
    };
    const abort = (cause: AbortCause): void => finish({ ok: false, fault: abortFault(ctx, cause, connected ? 'answer' : 'connect') });
    const expiry = { expired: () => abort('timeout') };
    ctx.deadline.listen(expiry);
    if (settled) return;

    const headers: Record<string, string> = {
      accept: 'application/json, */*;q=0.5',
      connection: 'close',
      'user-agent': 'stack-doctor',
      'x-correlation-id': ctx.correlationId,
    };
    if (call.body !== undefined) {
      headers['content-type'] = call.contentType ?? 'application/json';
      headers['content-length'] = String(Buffer.byteLength(call.body));
    }
    try {
      const url = new URL(ctx.url);
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      req = send(url, { method: call.method, agent: false, headers });
    } catch (error) {
      return finish({
        ok: false,
        fault: { kind: 'network', code: errorCode(error) || 'EINVAL', message: errorMessage(error), phase: 'connect' },
      });
    }
    // dispose(): settles with a 1001 "going away"; finish destroys the request.
    untrack = ctx.track(() => abort('disposed'));
    req.on('socket', (socket) => socket.once('connect', () => (connected = true)));
    req.on('error', (error) => {
      finish({
        ok: false,
        fault: {
          kind: 'network',
          code: errorCode(error) || 'ERROR',
          message: errorMessage(error),
          phase: connected ? 'answer' : 'connect',
        },
      });
    });
    req.on('response', (res) => {
      connected = true;
      const status = res.statusCode ?? 0;
      readBody(res, HTTP_ANSWER_CAP_BYTES, (body, cut, error) => {
        if (!cut) return finish({ ok: true, status, body, at: ctx.now() });
        finish({
          ok: false,
          fault: { kind: 'network', code: errorCode(error) || 'ECONNRESET', message: errorMessage(error), phase: 'answer', partial: body },
        });
      });
    });
    req.end(call.body);
  });
}
