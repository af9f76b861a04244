import type { z } from 'zod';
import type { chatOutcomeSchema, ChatEvent, ChatTransport } from '../../../shared/model/index.ts';

/** One message to send through the orchestrator client. */
export interface ChatSendRequest {
  /** What the user typed; a journey's template wraps it. Raw mode sends it verbatim as the frame/body. */
  message: string;
  transport: ChatTransport;
  /** A journey name from `chat.journeys`; sent as `journey` too. */
  journey?: string;
  /**
   * Bypasses target resolution. ws/http: the orchestrator base URL (`http://localhost:8006`; ws:// is
   * accepted and mapped). raw: the exact ws:// or http:// URL to talk to.
   */
  pinnedTarget?: string;
  /** Default: a fresh UUID. Sent as `X-Correlation-ID` / `correlation_id`, and on every event. */
  correlationId?: string;
  /** Budget of the whole exchange, ms; overrides `chat.timeoutMs` and the client default (30000). */
  timeoutMs?: number;
  /**
   * ws: open a new WebSocket for this exchange (handshake included) and close it after, instead of using the
   * session's open one. Compare paths does, so a broken upgrade is caught. Default false.
   */
  freshConnection?: boolean;
}

/**
 * How one exchange ended. `complete` and `error` events carry the same facts. The contract's schema is the
 * one definition, so what the client returns and what `chat:send` answers cannot drift apart.
 */
export type ChatOutcome = z.infer<typeof chatOutcomeSchema>;

export type ChatEventListener = (event: ChatEvent) => void;

export type TargetEvent = Extract<ChatEvent, { type: 'target' }>;
