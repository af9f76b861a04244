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
