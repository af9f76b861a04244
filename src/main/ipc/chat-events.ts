import { eventContract } from '../../shared/contract/index.ts';
import type { ChatService } from '../app/chat-service.ts';

/**
 * Forwards the chat service's events on their contract channels (`chat:event`, `chat:breaker`), one
 * contract event per exchange event: the renderer and serve mode's clients see exactly what the client
 * emitted, in order. `send` is the shell's sink (webContents.send, or serve mode's broadcast).
 */
export function forwardChatEvents(
  chat: Pick<ChatService, 'onEvent' | 'onBreakerChange'>,
  send: (channel: string, payload: unknown) => void,
): () => void {
  const offs = [
    chat.onEvent((payload) => send(eventContract.chatEvent.channel, payload)),
    chat.onBreakerChange((change) => send(eventContract.breakerChanged.channel, change)),
  ];
  return () => {
    for (const off of offs) off();
  };
}
