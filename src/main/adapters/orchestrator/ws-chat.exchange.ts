import type WebSocket from 'ws';
import type { WsChatRequest } from '../../../shared/model/index.ts';
import { ChatStream } from '../../core/chat/chat-stream.ts';
import type { ExchangeContext, ExchangeResult } from './exchange-context.ts';
import { wsExchange, type WsHandlers, type WsLease } from './ws-connection.ts';

/** The default profile's chat on a socket: the request once it opens, then every frame through a ChatStream. */
class ChatHandlers implements WsHandlers {
  private readonly stream: ChatStream;

  constructor(
    ctx: ExchangeContext,
    private readonly payload: string,
  ) {
    this.stream = new ChatStream(ctx);
  }

  onOpen(socket: WebSocket): void {
    socket.send(this.payload);
  }

  onText(text: string): ExchangeResult | null {
    const { stream } = this;
    const end = stream.accept(text);
    if (end === null) return null;
    if (end.kind === 'complete') return { ok: true, response: stream.response(), firstTokenAt: stream.firstToken };
    return { ok: false, fault: end };
  }
}

/**
 * One chat over `/chat/ws/{client_id}/{session_id}`: sends the request once the socket opens, then feeds
 * every frame to a ChatStream (status/token events as they arrive) until `complete` or `assistant_error`.
 * With a `lease`, the session's idle socket is used when there is one, and handed back after `complete`.
 */
export function wsChatExchange(ctx: ExchangeContext, request: WsChatRequest, lease?: WsLease): Promise<ExchangeResult> {
  return wsExchange(ctx, new ChatHandlers(ctx, JSON.stringify(request)), lease);
}
