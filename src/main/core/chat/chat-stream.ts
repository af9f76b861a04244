import type { ChatEvent } from '../../../shared/model/index.ts';
import type { ChatFault } from './chat-fault.ts';
import { isProtocolFault, parseServerFrame } from './server-frame.ts';

/** Where a ChatStream sends its events (the transport's exchange context). */
export interface ChatStreamSink {
  readonly correlationId: string;
  emit(event: ChatEvent): void;
  /** Monotonic ms, for the time of the first token. */
  now(): number;
}

/** How a WS answer ended: `complete`, or the fault that ended it. */
export type StreamEnd = { kind: 'complete' } | Extract<ChatFault, { kind: 'protocol' | 'agent-error' }>;

/**
 * Turns the server's WS frames into ChatEvents for one exchange: status and token events are emitted as they
 * arrive; `accept` returns how the answer ended, or null while it goes on. Keeps the assistant tokens to
 * build the final response (manager tokens are progress, not the answer, unless nothing else came).
 */
export class ChatStream {
  private readonly assistant: string[] = [];
  private readonly manager: string[] = [];
  private firstTokenAt: number | null = null;

  constructor(private readonly sink: ChatStreamSink) {}

  accept(text: string): StreamEnd | null {
    const message = parseServerFrame(text);
    if (isProtocolFault(message)) return message;
    switch (message.type) {
      case 'stream_token': {
        if (this.firstTokenAt === null) this.firstTokenAt = this.sink.now();
        const { type: role, content } = message.data;
        (role === 'assistant' ? this.assistant : this.manager).push(content);
        this.sink.emit({ type: 'token', correlationId: this.sink.correlationId, role, content });
        return null;
      }
      case 'status':
        this.sink.emit({ type: 'status', correlationId: this.sink.correlationId, status: message.status });
        return null;
      case 'complete':
        return { kind: 'complete' };
      case 'assistant_error':
        return { kind: 'agent-error', content: message.data.content };
    }
  }

  /** The answer so far: the assistant tokens joined (the manager ones when there were none). */
  response(): string {
    return (this.assistant.length > 0 ? this.assistant : this.manager).join('');
  }

  /** Monotonic time of the first token, or null. */
  get firstToken(): number | null {
    return this.firstTokenAt;
  }
}
