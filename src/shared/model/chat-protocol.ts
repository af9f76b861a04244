import { z } from 'zod';

/**
 * The default orchestrator profile (README#chat-protocol). Every server message is parsed with these schemas;
 * anything else is a PROTOCOL_VIOLATION carrying the raw frame.
 */

/** `GET /health`. */
export const agentHealthSchema = z.object({
  status: z.enum(['healthy', 'degraded', 'unhealthy']),
  checks: z.record(z.string(), z.unknown()).optional(),
});
export type AgentHealth = z.infer<typeof agentHealthSchema>;

/** `POST /api/chat` body. */
export const httpChatRequestSchema = z.object({
  message: z.string(),
  session_id: z.string(),
  client_id: z.string(),
  journey: z.string().optional(),
});
export type HttpChatRequest = z.infer<typeof httpChatRequestSchema>;

/** `POST /api/chat` answer. */
export const httpChatResponseSchema = z.object({
  success: z.boolean(),
  response: z.string(),
  session_id: z.string(),
});
export type HttpChatResponse = z.infer<typeof httpChatResponseSchema>;

/** Client → server over `/chat/ws/{client_id}/{session_id}`. */
export const wsChatRequestSchema = z.object({
  type: z.literal('chat'),
  data: z.object({ message: z.string(), journey: z.string().optional() }),
  correlation_id: z.string(),
});
export type WsChatRequest = z.infer<typeof wsChatRequestSchema>;

/** Server → client frames. */
export const wsServerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('status'), status: z.string() }),
  z.object({
    type: z.literal('stream_token'),
    data: z.object({ type: z.enum(['manager', 'assistant']), content: z.string() }),
  }),
  z.object({ type: z.literal('complete') }).passthrough(),
  z.object({ type: z.literal('assistant_error'), data: z.object({ content: z.string() }) }),
]);
export type WsServerMessage = z.infer<typeof wsServerMessageSchema>;

/** Default chat paths of the profile; configurable per stack (`chat.paths`). Health: `orchestrator.healthPath`. */
export const defaultChatPaths = {
  httpChat: '/api/chat',
  /** `{client_id}` and `{session_id}` are substituted. */
  ws: '/chat/ws/{client_id}/{session_id}',
} as const;
