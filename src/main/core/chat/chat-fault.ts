import type { ChatErrorClass, ChatTransport, OrchestratorTarget } from '../../../shared/model/index.ts';

/**
 * What went wrong in one exchange, as the adapters observed it, before it is named. Adapters only describe
 * (a Node error code, a status, a close event, a frame); {@link classifyFault} decides the class, so HTTP and
 * WS share one decision.
 */
export type ChatFault =
  /** A socket/resolver/TLS error with its Node code (`ENOTFOUND`, `ECONNREFUSED`, `ERR_TLS_…`). */
  | { kind: 'network'; code: string; message: string; phase: 'connect' | 'answer'; partial?: string }
  /** The exchange's time budget ran out; `phase` says whether anything had answered yet. */
  | { kind: 'timeout'; timeoutMs: number; phase: 'connect' | 'answer' }
  /** HTTP answered with a non-2xx status; `body` is the (capped) response text. */
  | { kind: 'http-status'; status: number; body: string }
  /** The WebSocket upgrade was refused: `status` when the server answered HTTP instead. */
  | { kind: 'ws-handshake'; status?: number; body?: string; message: string }
  /** The WebSocket closed before `complete` (code 1006 when no close frame arrived). */
  | { kind: 'ws-close'; code: number; reason: string; error?: string }
  /** A server message that is not valid JSON or not in the profile. */
  | { kind: 'protocol'; problem: string; rawFrame: string }
  /** `assistant_error` over WS, or `{ success: false, response }` over HTTP. */
  | { kind: 'agent-error'; content: string }
  /** The target's breaker is open: nothing was sent. */
  | { kind: 'circuit-open'; target: string; lastFailure?: ChatErrorClass; halfOpenAfterMs: number }
  /** Target resolution found no orchestrator to talk to. */
  | { kind: 'unresolvable'; target: OrchestratorTarget };

/** Where the fault happened, for the explanation and the hint. */
export interface FaultContext {
  correlationId: string;
  transport: ChatTransport;
  /** The URL contacted (the WS URL for ws, the chat URL for http); absent when nothing was contacted. */
  url?: string;
  /** Where a docker alias is reachable from the host (default `http://localhost:8006`). */
  fallbackUrl?: string;
}
