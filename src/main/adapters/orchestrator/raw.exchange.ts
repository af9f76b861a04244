import type { ExchangeContext, ExchangeResult } from './exchange-context.ts';
import { httpCall } from './http-request.ts';
import { wsExchange } from './ws-connection.ts';

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Raw WebSocket, like a WebSocket test client: sends `message` as one text frame (none when empty), emits
 * every frame both ways as `frame` events, and listens until the server closes or the time budget ends.
 * A close with 1000/1005, or the end of the listening window, completes (response: the last frame received);
 * any other close code is WS_CLOSED.
 */
export function rawWsExchange(ctx: ExchangeContext, message: string): Promise<ExchangeResult> {
  // Only the last frame is kept: every frame already went out as an event, 10,000 of them need not sit here too.
  let last = '';
  let firstAt: number | null = null;
  const done = (): ExchangeResult => ({ ok: true, response: last, firstTokenAt: firstAt });
  return wsExchange(ctx, {
    onOpen: (socket) => {
      if (message === '') return;
      socket.send(message);
      ctx.emit({ type: 'frame', correlationId: ctx.correlationId, direction: 'out', data: message });
    },
    onText: (text) => {
      if (firstAt === null) firstAt = ctx.now();
      last = text;
      ctx.emit({ type: 'frame', correlationId: ctx.correlationId, direction: 'in', data: text });
      return null;
    },
    onClose: (code) => (code === 1000 || code === 1005 ? done() : null),
    onTimeoutAfterOpen: done,
  });
}

/**
 * Raw HTTP: POSTs `message` as the body (JSON content type when it parses as JSON, text otherwise), or GETs
 * when it is empty; the answer's body is one `frame` event. Non-2xx is HTTP_STATUS, as in chat mode.
 */
export async function rawHttpExchange(ctx: ExchangeContext, message: string): Promise<ExchangeResult> {
  if (message !== '') ctx.emit({ type: 'frame', correlationId: ctx.correlationId, direction: 'out', data: message });
  const reply = await httpCall(
    ctx,
    message === ''
      ? { method: 'GET' }
      : { method: 'POST', body: message, contentType: looksLikeJson(message) ? 'application/json' : 'text/plain; charset=utf-8' },
  );
  if (!reply.ok) return reply;
  ctx.emit({ type: 'frame', correlationId: ctx.correlationId, direction: 'in', data: reply.body });
  if (reply.status < 200 || reply.status >= 300)
    return { ok: false, fault: { kind: 'http-status', status: reply.status, body: reply.body } };
  return { ok: true, response: reply.body, firstTokenAt: reply.at };
}
