import type { WsChatRequest } from '../../../shared/model/index.ts';
import { ChatStream } from '../../core/chat/chat-stream.ts';
import type { ExchangeContext, ExchangeResult } from './exchange-context.ts';
import { wsExchange } from './ws-connection.ts';
import type { WsLease } from './ws-pool.ts';

/**
 * One chat over `/chat/ws/{client_id}/{session_id}`: sends the request once the socket opens, then feeds
 * every frame to a ChatStream (status/token events as they arrive) until `complete` or `assistant_error`.
 * With a `lease`, the session's idle socket is used when there is one, and handed back after `complete`.
 */
export function wsChatExchange(ctx: ExchangeContext, request: WsChatRequest, lease?: WsLease): Promise<ExchangeResult> {
  const stream = new ChatStream(ctx.correlationId, ctx.emit, ctx.now);
  const payload = JSON.stringify(request);
  return wsExchange(ctx, {
    onOpen: (socket) => socket.send(payload),
    onText: (text) => {
      const end = stream.accept(text);
      if (end === null) return null;
      if (end.kind === 'complete') return { ok: true, response: stream.response(), firstTokenAt: stream.firstToken };
      return { ok: false, fault: end };
    },
  }, lease);
}
