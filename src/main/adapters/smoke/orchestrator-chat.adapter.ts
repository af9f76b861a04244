import type { ChatEventListener, ChatOutcome, ChatSendRequest } from '../../core/chat/chat-outcome.ts';
import type { SmokeChatPort, SmokeChatReply, SmokeChatRequest } from '../../core/ports/smoke-chat.port.ts';

/** The orchestrator client's send (OrchestratorClient.send has this shape). */
export type ChatSend = (request: ChatSendRequest, onEvent: ChatEventListener) => Promise<ChatOutcome>;

/**
 * SmokeChatPort over the orchestrator client: one exchange per check on a fresh WebSocket (the handshake is
 * part of what a smoke check proves), counting assistant tokens. Expected failures come back as the chat
 * error class and its explanation; bad input (unknown journey, unusable target) rejects, as `send` does.
 * The client cannot be cancelled: when the runner stops waiting, the exchange still ends at its own timeout,
 * which is the same budget.
 */
export function orchestratorSmokeChat(send: ChatSend): SmokeChatPort {
  return {
    async exchange(request: SmokeChatRequest): Promise<SmokeChatReply> {
      let tokens = 0;
      const outcome = await send(
        {
          message: request.message,
          transport: request.transport,
          timeoutMs: request.timeoutMs,
          freshConnection: true,
          ...(request.journey ? { journey: request.journey } : {}),
          ...(request.target ? { pinnedTarget: request.target } : {}),
        },
        (event) => {
          if (event.type === 'token' && event.role === 'assistant') tokens++;
        },
      );
      const base = { correlationId: outcome.correlationId, url: outcome.url, tokens, totalMs: outcome.totalMs };
      if (outcome.ok) return { ...base, completed: true };
      return { ...base, completed: false, error: { code: outcome.error.class, message: outcome.error.explanation } };
    },
  };
}
