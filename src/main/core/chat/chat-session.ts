import type { ChatError, ChatEvent, ChatTransport } from '../../../shared/model/index.ts';
import type { TargetEvent } from './chat-outcome.ts';

export interface ChatExchange {
  correlationId: string;
  transport: ChatTransport;
  message: string;
  journey?: string;
  pinnedTarget?: string;
  target: TargetEvent | null;
  /** `sending` until the first status, then the server's status, then `complete` / `error`. */
  state: 'sending' | 'streaming' | 'complete' | 'error';
  statuses: string[];
  /** Token contents in arrival order (both roles); joined only when shown. */
  tokens: string[];
  /** Raw mode frames, both directions. */
  frames: Array<{ direction: 'in' | 'out'; data: string }>;
  response: string | null;
  error: ChatError | null;
  firstTokenMs: number | null;
  totalMs: number | null;
}

/**
 * A chat session's exchanges, built from ChatEvents. Mutable on purpose: a 10,000-token answer appends
 * 10,000 strings instead of copying the exchange 10,000 times. `clear()` drops every reference.
 */
export class ChatSession {
  private readonly list: ChatExchange[] = [];
  private readonly byId = new Map<string, ChatExchange>();

  constructor(
    readonly clientId: string,
    public sessionId: string,
  ) {}

  get exchanges(): readonly ChatExchange[] {
    return this.list;
  }

  begin(request: { correlationId: string; transport: ChatTransport; message: string; journey?: string; pinnedTarget?: string }): ChatExchange {
    const exchange: ChatExchange = {
      ...request,
      target: null,
      state: 'sending',
      statuses: [],
      tokens: [],
      frames: [],
      response: null,
      error: null,
      firstTokenMs: null,
      totalMs: null,
    };
    this.list.push(exchange);
    this.byId.set(request.correlationId, exchange);
    return exchange;
  }

  /** Applies one event to its exchange (by correlation id); events of unknown exchanges are ignored. */
  apply(event: ChatEvent): void {
    const exchange = this.byId.get(event.correlationId);
    if (!exchange) return;
    switch (event.type) {
      case 'target':
        exchange.target = event;
        return;
      case 'status':
        exchange.statuses.push(event.status);
        exchange.state = 'streaming';
        return;
      case 'token':
        exchange.tokens.push(event.content);
        exchange.state = 'streaming';
        return;
      case 'frame':
        exchange.frames.push({ direction: event.direction, data: event.data });
        return;
      case 'complete':
        exchange.state = 'complete';
        exchange.response = event.response;
        exchange.firstTokenMs = event.firstTokenMs;
        exchange.totalMs = event.totalMs;
        return;
      case 'error':
        exchange.state = 'error';
        exchange.error = event.error;
        return;
    }
  }

  /** Forgets every exchange and starts a new server session id. */
  clear(nextSessionId: string): void {
    this.list.length = 0;
    this.byId.clear();
    this.sessionId = nextSessionId;
  }
}
