import { httpChatResponseSchema, wsServerMessageSchema, type WsServerMessage } from '../../../shared/model/index.ts';
import type { ChatFault } from './chat-fault.ts';
import { describeIssue } from '../../../shared/zod-issue.ts';

export type ProtocolFault = Extract<ChatFault, { kind: 'protocol' }>;

/** True for the fault branch of {@link parseServerFrame} (messages have `type`, faults have `kind`). */
export function isProtocolFault(value: WsServerMessage | ProtocolFault): value is ProtocolFault {
  return (value as { kind?: unknown }).kind === 'protocol';
}

/**
 * Parses one WS text frame into a profile message, or a PROTOCOL_VIOLATION fault carrying the raw frame.
 * Runs once per token, so the success path allocates nothing beyond JSON.parse and zod's own result.
 */
export function parseServerFrame(text: string): WsServerMessage | ProtocolFault {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'protocol', problem: 'a frame that is not JSON', rawFrame: text };
  }
  const token = streamTokenOf(json);
  if (token) return token;
  const parsed = wsServerMessageSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const type = typeof json === 'object' && json !== null ? (json as { type?: unknown }).type : undefined;
  const problem =
    typeof type === 'string'
      ? `a "${type}" message that does not match the protocol (${describeIssue(parsed.error.issues[0])})`
      : `a message without a known "type" (${describeIssue(parsed.error.issues[0])})`;
  return { kind: 'protocol', problem, rawFrame: text };
}

/**
 * The `stream_token` frame, checked by hand: all but a handful of a stream's frames are tokens, and zod's parse
 * cost more per token than the rest of the client (bench/chat (b)). Exactly the schema's `stream_token` branch,
 * unknown keys dropped as zod drops them (a unit test compares the two on a corpus); anything else goes to zod.
 */
function streamTokenOf(json: unknown): WsServerMessage | null {
  if (typeof json !== 'object' || json === null || (json as { type?: unknown }).type !== 'stream_token') return null;
  const data = (json as { data?: unknown }).data;
  if (typeof data !== 'object' || data === null) return null;
  const { type, content } = data as { type?: unknown; content?: unknown };
  if ((type !== 'assistant' && type !== 'manager') || typeof content !== 'string') return null;
  return { type: 'stream_token', data: { type, content } };
}

export type HttpAnswer = { kind: 'answer'; response: string; sessionId: string };

/**
 * Reads a 2xx `POST /api/chat` body: the answer, an agent error (`success: false`), or a protocol fault.
 * Non-2xx statuses are classified from the status and body instead (see classifyFault).
 */
export function parseHttpAnswer(body: string): HttpAnswer | Extract<ChatFault, { kind: 'protocol' | 'agent-error' }> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { kind: 'protocol', problem: 'an HTTP answer that is not JSON', rawFrame: body };
  }
  const parsed = httpChatResponseSchema.safeParse(json);
  if (!parsed.success) {
    return { kind: 'protocol', problem: `an HTTP answer outside the protocol (${describeIssue(parsed.error.issues[0])})`, rawFrame: body };
  }
  if (!parsed.data.success) return { kind: 'agent-error', content: parsed.data.response };
  return { kind: 'answer', response: parsed.data.response, sessionId: parsed.data.session_id };
}
