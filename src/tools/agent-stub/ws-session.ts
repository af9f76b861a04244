import { setTimeout as sleep } from 'node:timers/promises';
import type { RawData, WebSocket } from 'ws';
import { wsChatRequestSchema, type WsChatRequest } from '../../shared/model/chat-protocol.ts';
import type { Logger } from '../../main/core/ports/logger.port.ts';
import { answerFor } from './answer-generator.ts';
import {
  ASSISTANT_ERROR_TEXT,
  COMPONENT_MISSING_TEXT,
  DROP_AFTER_TOKENS,
  MALFORMED_FRAME_TEXT,
  UNKNOWN_FRAME,
  type FaultState,
} from './fault-mode.ts';
import { describeIssue } from '../../shared/zod-issue.ts';

/** Tokens sent before waiting for the socket to flush: fast, yet 1e6 tokens never pile up in memory. */
const TOKENS_PER_FLUSH = 512;

export interface WsSessionOptions {
  clientId: string;
  sessionId: string;
  /** Read once per exchange. */
  fault(): FaultState;
  logger: Logger;
}

function isOpen(ws: WebSocket): boolean {
  return ws.readyState === ws.OPEN;
}

function send(ws: WebSocket, frame: unknown): void {
  if (isOpen(ws)) ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
}

/** Sends and resolves once the frame reached the kernel (or the socket is gone): the stream's backpressure. */
function sendFlushed(ws: WebSocket, frame: unknown): Promise<void> {
  if (!isOpen(ws)) return Promise.resolve();
  return new Promise((resolve) => ws.send(JSON.stringify(frame), () => resolve()));
}

function token(type: 'manager' | 'assistant', content: string): unknown {
  return { type: 'stream_token', data: { type, content } };
}

/** Parses one client frame; an invalid one is answered with an `assistant_error` naming what was wrong. */
function parseRequest(data: RawData, isBinary: boolean): { ok: true; value: WsChatRequest } | { ok: false; error: string } {
  if (isBinary) return { ok: false, error: 'Binary frames are not supported: send a JSON text frame.' };
  let value: unknown;
  try {
    value = JSON.parse(data.toString());
  } catch {
    return { ok: false, error: 'Invalid message: not JSON. Expected {"type":"chat","data":{"message":"…"},"correlation_id":"…"}.' };
  }
  const parsed = wsChatRequestSchema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: `Invalid message: ${describeIssue(parsed.error.issues[0], 'frame')}.` };
}

/** One exchange: status, then the answer or the fault. Returns early whenever the socket goes away. */
async function exchange(ws: WebSocket, request: WsChatRequest, fault: FaultState, gone: AbortSignal): Promise<void> {
  const correlation_id = request.correlation_id;
  send(ws, { type: 'status', status: 'processing', correlation_id });
  switch (fault.mode) {
    case 'close-1011':
      return ws.close(1011, 'internal error');
    case 'assistant-error':
      return send(ws, { type: 'assistant_error', data: { content: ASSISTANT_ERROR_TEXT }, correlation_id });
    case 'component-missing':
      // Both carry the text: a client may classify from the frame or from the close reason.
      send(ws, { type: 'assistant_error', data: { content: COMPONENT_MISSING_TEXT }, correlation_id });
      return ws.close(1011, COMPONENT_MISSING_TEXT);
    case 'malformed-frame':
      send(ws, MALFORMED_FRAME_TEXT);
      send(ws, UNKNOWN_FRAME);
      break;
    case 'slow-first-token':
      try {
        await sleep(fault.delayMs, undefined, { signal: gone });
      } catch {
        return; // The socket closed while we waited (the sleep rejects on abort): nobody to answer.
      }
      break;
    default:
      break;
  }
  const answer = answerFor(request.data.message, request.data.journey);
  // drop-mid-stream: let a few tokens reach the client, then vanish without a close frame (the client sees 1006).
  const dropAfter = fault.mode === 'drop-mid-stream' ? Math.min(DROP_AFTER_TOKENS, answer.count) : -1;
  if (dropAfter === 0) {
    await sendFlushed(ws, token('manager', answer.manager));
    return ws.terminate();
  }
  send(ws, token('manager', answer.manager));
  // `over MS`: a pause after every flushed batch, so the batches spread over about spreadMs.
  const pauseMs = answer.spreadMs > 0 ? (answer.spreadMs * TOKENS_PER_FLUSH) / answer.count : 0;
  for (let i = 0; i < answer.count; i += 1) {
    if (!isOpen(ws)) return;
    const frame = token('assistant', answer.token(i));
    if (i + 1 === dropAfter) {
      await sendFlushed(ws, frame);
      return ws.terminate();
    }
    if ((i + 1) % TOKENS_PER_FLUSH === 0) {
      await sendFlushed(ws, frame);
      if (pauseMs > 0) await sleep(pauseMs);
    } else send(ws, frame);
  }
  send(ws, { type: 'complete', correlation_id });
}

/**
 * Serves one `/chat/ws/{client_id}/{session_id}` connection. Exchanges run one after another in arrival order;
 * a bad frame gets an error frame and the session keeps serving.
 */
export function serveChatSession(ws: WebSocket, options: WsSessionOptions): void {
  const { clientId, sessionId, logger } = options;
  const gone = new AbortController();
  let queue = Promise.resolve();
  ws.on('close', () => gone.abort());
  ws.on('error', (error) => logger.warn({ err: error.message, clientId, sessionId }, 'agent stub ws client error'));
  ws.on('message', (data, isBinary) => {
    const request = parseRequest(data, isBinary);
    if (!request.ok) {
      logger.warn({ clientId, sessionId, error: request.error }, 'agent stub ws bad frame');
      send(ws, { type: 'assistant_error', data: { content: request.error } });
      return;
    }
    const fault = options.fault();
    logger.info({ clientId, sessionId, correlationId: request.value.correlation_id, fault: fault.mode }, 'agent stub ws chat');
    queue = queue
      .then(() => exchange(ws, request.value, fault, gone.signal))
      .catch((error: unknown) => logger.error({ err: String(error), clientId, sessionId }, 'agent stub ws exchange failed'));
  });
}
