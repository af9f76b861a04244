import { z } from 'zod';

/** Stable chat error classes (README#chat-errors). Never rename one. */
export const chatErrorClassSchema = z.enum([
  'DNS_NOT_FOUND',
  'CONNECTION_REFUSED',
  'TIMEOUT',
  'TLS_ERROR',
  'HTTP_STATUS',
  'WS_HANDSHAKE_FAILED',
  'WS_CLOSED',
  'PROTOCOL_VIOLATION',
  'AGENT_ERROR',
  'SERVER_COMPONENT_MISSING',
  'CIRCUIT_OPEN',
  'RUNTIME_TARGET_UNRESOLVABLE',
]);
export type ChatErrorClass = z.infer<typeof chatErrorClassSchema>;

export const chatErrorSchema = z.object({
  class: chatErrorClassSchema,
  /** One plain sentence: what happened. */
  explanation: z.string(),
  /** What to do about it. */
  hint: z.string(),
  correlationId: z.string(),
  /** The raw message/close reason/status the class was decided from. */
  detail: z.string().optional(),
  /** HTTP status for HTTP_STATUS / WS_HANDSHAKE_FAILED. */
  status: z.number().int().optional(),
  /** WebSocket close code and its name for WS_CLOSED (1006 abnormal, 1011 internal error…). */
  closeCode: z.number().int().optional(),
  closeName: z.string().optional(),
  /** The offending frame for PROTOCOL_VIOLATION (truncated to 2 KiB). */
  rawFrame: z.string().optional(),
});
export type ChatError = z.infer<typeof chatErrorSchema>;

export const chatTransportSchema = z.enum(['ws', 'http', 'raw']);
export type ChatTransport = z.infer<typeof chatTransportSchema>;

export const breakerStateSchema = z.enum(['closed', 'open', 'half-open']);
export type BreakerState = z.infer<typeof breakerStateSchema>;

/** What one chat exchange emits, in order: target, status*, token*, then complete or error. */
export const chatEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('target'),
    correlationId: z.string(),
    url: z.string(),
    decision: z.string(),
    reason: z.string(),
    pinned: z.boolean(),
  }),
  z.object({ type: z.literal('status'), correlationId: z.string(), status: z.string() }),
  z.object({
    type: z.literal('token'),
    correlationId: z.string(),
    role: z.enum(['manager', 'assistant']),
    content: z.string(),
  }),
  /** Raw mode: one frame or body as received. */
  z.object({ type: z.literal('frame'), correlationId: z.string(), direction: z.enum(['in', 'out']), data: z.string() }),
  z.object({
    type: z.literal('complete'),
    correlationId: z.string(),
    /** The full answer (joined assistant tokens, or the HTTP `response`). */
    response: z.string(),
    firstTokenMs: z.number().nullable(),
    totalMs: z.number(),
  }),
  z.object({ type: z.literal('error'), correlationId: z.string(), error: chatErrorSchema }),
]);
export type ChatEvent = z.infer<typeof chatEventSchema>;

/** How one exchange ended; `complete` and `error` events carry the same facts. */
export const chatOutcomeSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    correlationId: z.string(),
    transport: chatTransportSchema,
    /** The URL actually contacted. */
    url: z.string(),
    response: z.string(),
    firstTokenMs: z.number().nullable(),
    totalMs: z.number(),
  }),
  z.object({
    ok: z.literal(false),
    correlationId: z.string(),
    transport: chatTransportSchema,
    /** Null when nothing was contacted (unresolvable target, open circuit). */
    url: z.string().nullable(),
    error: chatErrorSchema,
    totalMs: z.number(),
  }),
]);

/** "Compare paths": one message over WS and over HTTP. */
export const compareResultSchema = z.object({
  ws: chatOutcomeSchema,
  http: chatOutcomeSchema,
  bothAnswered: z.boolean(),
  agree: z.boolean(),
  summary: z.string(),
});

export const breakerChangeSchema = z.object({
  /** Target origin, e.g. `http://localhost:8006`. */
  target: z.string(),
  state: breakerStateSchema,
  previous: breakerStateSchema,
  at: z.string(),
  lastFailure: chatErrorClassSchema.optional(),
});
export type BreakerChangeEvent = z.infer<typeof breakerChangeSchema>;

export const chatJourneyInfoSchema = z.object({
  name: z.string(),
  template: z.string(),
  description: z.string().optional(),
});

/** What the chat pane needs to draw itself before any exchange. */
export const chatStateSchema = z.object({
  clientId: z.string(),
  sessionId: z.string(),
  journeys: z.array(chatJourneyInfoSchema),
  breakers: z.array(z.object({ target: z.string(), state: breakerStateSchema })),
  /** Null when the stack config is invalid; `setupError` says why. */
  setupError: z.string().nullable(),
});
export type ChatState = z.infer<typeof chatStateSchema>;

/** One message to send from the pane or a client of serve mode. */
export const chatSendRequestSchema = z
  .object({
    message: z.string().max(1_000_000),
    transport: chatTransportSchema,
    journey: z.string().min(1).optional(),
    /** ws/http: the orchestrator base URL to use instead of resolving; raw: the exact ws:// or http:// URL. */
    pinnedTarget: z.string().url().optional(),
    timeoutMs: z.number().int().min(50).max(600_000).optional(),
    /**
     * The exchange's correlation id, chosen by the caller so it can tell its events from other callers' (serve
     * mode sends every tab every exchange's events); a fresh one when absent. It travels in a header and in
     * logs, so only letters, digits and `._:-`, 8–128 characters.
     */
    correlationId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/, 'a correlation id is 8–128 letters, digits and ._:-')
      .optional(),
  })
  .strict();
export type ChatSendInput = z.infer<typeof chatSendRequestSchema>;
