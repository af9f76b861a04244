import type { ChatEvent } from '../../../shared/model/index.ts';
import type { ChatFault } from '../../core/chat/chat-fault.ts';
import type { ExchangeDeadline } from '../resilience/exchange-deadline.ts';

/** What one transport exchange needs from the client; the same for ws, http and raw. */
export interface ExchangeContext {
  correlationId: string;
  /** The URL to talk to (ws:// for ws, the chat URL for http, anything for raw). */
  url: string;
  /** The exchange's time budget: the transport listens to it, ends its socket and reports TIMEOUT (cooperative). */
  deadline: ExchangeDeadline;
  timeoutMs: number;
  emit(event: ChatEvent): void;
  /** Monotonic ms (the client's Clock). */
  now(): number;
  /**
   * Registers a live socket/request so dispose() can end it: `close` must settle an unsettled exchange with
   * {@link disposedFault} and end the socket. Returns the unregister function.
   */
  track(close: () => void): () => void;
}

/** A transport's raw result; the client names faults with classifyFault. */
export type ExchangeResult = { ok: true; response: string; firstTokenAt: number | null } | { ok: false; fault: ChatFault };

/** Why an exchange was ended from our side: its time budget ran out, or the client shuts down. */
export type AbortCause = 'timeout' | 'disposed';

/** The fault for an exchange ended from our side: TIMEOUT, or a 1001 "going away" when the client shuts down. */
export function abortFault(ctx: ExchangeContext, cause: AbortCause, phase: 'connect' | 'answer'): ChatFault {
  return cause === 'timeout' ? { kind: 'timeout', timeoutMs: ctx.timeoutMs, phase } : disposedFault();
}

/** The fault of an exchange ended by the client's dispose(): a 1001 "going away". */
export function disposedFault(): ChatFault {
  return { kind: 'ws-close', code: 1001, reason: 'Stack Doctor closed the connection (shutting down)' };
}

/** The Node error code of a socket/resolver/TLS error, or '' when it has none. */
export function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}
