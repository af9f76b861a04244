import type { HttpChatRequest } from '../../../shared/model/index.ts';
import { parseHttpAnswer } from '../../core/chat/server-frame.ts';
import type { ExchangeContext, ExchangeResult } from './exchange-context.ts';
import { httpCall } from './http-request.ts';

/**
 * `POST /api/chat` with `{ message, session_id, client_id, journey? }`. A complete answer is emitted as one
 * assistant token (HTTP does not stream), so the pane and the CLI show both transports the same way.
 */
export async function httpChatExchange(ctx: ExchangeContext, body: HttpChatRequest): Promise<ExchangeResult> {
  const reply = await httpCall(ctx, { method: 'POST', body: JSON.stringify(body) });
  if (!reply.ok) return reply;
  if (reply.status < 200 || reply.status >= 300)
    return { ok: false, fault: { kind: 'http-status', status: reply.status, body: reply.body } };
  const answer = parseHttpAnswer(reply.body);
  if (answer.kind !== 'answer') return { ok: false, fault: answer };
  ctx.emit({ type: 'token', correlationId: ctx.correlationId, role: 'assistant', content: answer.response });
  return { ok: true, response: answer.response, firstTokenAt: reply.at };
}
