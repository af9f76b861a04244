import { z } from 'zod';
import { FAULT_MODES, MAX_DELAY_MS } from './fault-modes.ts';

/**
 * What the agent stub does wrong, switchable at start (`--fault`) and at run time (`POST /__stub/fault`).
 * A fault is read once per exchange, so switching it never changes an answer already streaming.
 *
 * | mode                | WebSocket `/chat/ws/{client_id}/{session_id}`                  | HTTP `POST /api/chat`                          |
 * |---------------------|----------------------------------------------------------------|------------------------------------------------|
 * | `none`              | status, 1 manager token, assistant word tokens, complete        | 200 `{ success: true, response, session_id }`  |
 * | `slow-first-token`  | status, then waits `delayMs` before the first token             | waits `delayMs`, then answers normally         |
 * | `drop-mid-stream`   | status + a few tokens, then the TCP socket is destroyed (1006)  | headers + half the body, then socket destroyed |
 * | `close-1011`        | status, then close 1011 "internal error"                        | 500 `{ detail: "internal error" }`             |
 * | `malformed-frame`   | status, a non-JSON frame, an unknown-type frame, then normal    | 200 with a body that is not JSON               |
 * | `http-500`          | unaffected                                                      | 500 `{ detail: "Internal Server Error" }`      |
 * | `assistant-error`   | status, `assistant_error` (no complete)                         | 200 `{ success: false, response: <error> }`    |
 * | `component-missing` | status, `assistant_error` with {@link COMPONENT_MISSING_TEXT}, close 1011 with it as reason | 500 `{ detail: <same text> }` |
 * | `ws-broken`         | the upgrade is refused with 404                                 | unaffected                                     |
 * | `degraded`          | unaffected; `GET /health` says degraded (200)                   | unaffected                                     |
 * | `unhealthy`         | unaffected; `GET /health` says unhealthy (503)                  | unaffected                                     |
 */
export const FaultMode = z.enum(FAULT_MODES);
export type FaultMode = z.infer<typeof FaultMode>;

/** The orchestrator's real error when its supervisor factory was built without a tool dispatcher. */
export const COMPONENT_MISSING_TEXT = 'tool_dispatcher is missing or None in WebSocket supervisor factory';

/** What `assistant-error` reports on both transports. */
export const ASSISTANT_ERROR_TEXT = 'The assistant failed to answer (agent stub fault: assistant-error).';

/** Non-JSON text sent by `malformed-frame` (and answered by HTTP under the same fault). */
export const MALFORMED_FRAME_TEXT = '{"type": "stream_token", "data": <<not json>>';

/** Frame of a type the protocol does not know, sent by `malformed-frame` after the non-JSON one. */
export const UNKNOWN_FRAME = { type: 'stub_unknown', data: { content: 'a frame type the protocol does not define' } } as const;

/** Assistant tokens `drop-mid-stream` sends before destroying the socket. */
export const DROP_AFTER_TOKENS = 3;

/** Body of `POST /__stub/fault`. */
export const faultRequestSchema = z.object({
  mode: FaultMode,
  /** Replaces the `slow-first-token` delay when given, ms. */
  delayMs: z.number().int().min(0).max(MAX_DELAY_MS).optional(),
});

/** The stub's current fault, shared by the HTTP routes and every WebSocket session. */
export interface FaultState {
  mode: FaultMode;
  /** Delay before the first token under `slow-first-token`, ms. */
  delayMs: number;
}
