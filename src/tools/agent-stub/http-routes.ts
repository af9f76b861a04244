import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { httpChatRequestSchema, type AgentHealth, type HttpChatResponse } from '../../shared/model/chat-protocol.ts';
import type { Logger } from '../../main/core/ports/logger.port.ts';
import { answerFor } from './answer-generator.ts';
import {
  ASSISTANT_ERROR_TEXT,
  COMPONENT_MISSING_TEXT,
  FaultMode,
  faultRequestSchema,
  MALFORMED_FRAME_TEXT,
  type FaultState,
} from './fault-mode.ts';
import { describeIssue } from '../../shared/zod-issue.ts';

/** Largest request body read, bytes; bigger ones get 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpRoutesContext {
  /** Read for every request: the fault may change between two requests. */
  fault(): FaultState;
  setFault(mode: FaultMode, delayMs?: number): void;
  logger: Logger;
}

class BodyTooLarge extends Error {}

/** Printable ASCII only: an id we echo must be a valid header value. */
const CORRELATION_ID = /^[\x21-\x7e]{1,200}$/;

function correlationIdOf(req: IncomingMessage): string {
  const given = req.headers['x-correlation-id'];
  return typeof given === 'string' && CORRELATION_ID.test(given) ? given : randomUUID();
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Reads and parses a JSON body; a body that is not JSON is a value, not a throw. */
async function readJson(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; detail: string }> {
  const text = await readBody(req);
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, detail: 'Request body is not valid JSON.' };
  }
}

function health(mode: FaultMode): { status: number; body: AgentHealth } {
  if (mode === 'unhealthy') {
    return { status: 503, body: { status: 'unhealthy', checks: { llm: 'unreachable', tool_dispatcher: 'ok', websocket: 'ok' } } };
  }
  if (mode === 'degraded')
    return { status: 200, body: { status: 'degraded', checks: { llm: 'slow', tool_dispatcher: 'ok', websocket: 'ok' } } };
  return { status: 200, body: { status: 'healthy', checks: { llm: 'ok', tool_dispatcher: 'ok', websocket: 'ok' } } };
}

async function chat(req: IncomingMessage, res: ServerResponse, ctx: HttpRoutesContext, correlationId: string): Promise<void> {
  const body = await readJson(req);
  if (!body.ok) return json(res, 400, { detail: body.detail });
  const parsed = httpChatRequestSchema.safeParse(body.value);
  if (!parsed.success) {
    return json(res, 400, { detail: `Invalid chat request: ${describeIssue(parsed.error.issues[0], 'body')}` });
  }
  const { message, session_id, journey } = parsed.data;
  const { mode, delayMs } = ctx.fault();
  ctx.logger.info({ correlationId, session_id, fault: mode }, 'agent stub http chat');
  const answer = (response: string, success = true): HttpChatResponse => ({ success, response, session_id });
  switch (mode) {
    case 'http-500':
      return json(res, 500, { detail: 'Internal Server Error' });
    case 'close-1011':
      return json(res, 500, { detail: 'internal error' });
    case 'component-missing':
      return json(res, 500, { detail: COMPONENT_MISSING_TEXT });
    case 'assistant-error':
      return json(res, 200, answer(ASSISTANT_ERROR_TEXT, false));
    case 'malformed-frame':
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return void res.end(MALFORMED_FRAME_TEXT);
    case 'drop-mid-stream': {
      const text = JSON.stringify(answer(answerFor(message, journey).text));
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
      // Half the promised body, then the connection goes: the client sees the answer cut short.
      res.write(text.slice(0, Math.floor(text.length / 2)), () => res.destroy());
      return;
    }
    case 'slow-first-token': {
      const gone = new AbortController();
      res.once('close', () => gone.abort());
      try {
        await sleep(delayMs, undefined, { signal: gone.signal });
      } catch {
        return; // The client left while we waited (the sleep rejects on abort): nobody to answer.
      }
      break;
    }
    default:
      break;
  }
  json(res, 200, answer(answerFor(message, journey).text));
}

async function fault(req: IncomingMessage, res: ServerResponse, ctx: HttpRoutesContext): Promise<void> {
  if (req.method === 'POST') {
    const body = await readJson(req);
    if (!body.ok) return json(res, 400, { detail: body.detail });
    const parsed = faultRequestSchema.safeParse(body.value);
    if (!parsed.success)
      return json(res, 400, { detail: `Expected { "mode": one of ${FaultMode.options.join(', ')}, "delayMs"?: number }.` });
    ctx.setFault(parsed.data.mode, parsed.data.delayMs);
  }
  json(res, 200, { ...ctx.fault(), modes: FaultMode.options });
}

/** The stub's HTTP side: health, chat, and the fault switch. Every answer echoes `X-Correlation-ID`. */
export async function handleHttp(req: IncomingMessage, res: ServerResponse, ctx: HttpRoutesContext): Promise<void> {
  const correlationId = correlationIdOf(req);
  res.setHeader('X-Correlation-ID', correlationId);
  const path = new URL(req.url ?? '/', 'http://stub.invalid').pathname;
  const route = `${req.method ?? 'GET'} ${path}`;
  try {
    switch (route) {
      case 'GET /health':
      case 'HEAD /health': {
        const { status, body } = health(ctx.fault().mode);
        return json(res, status, body);
      }
      case 'POST /api/chat':
        return await chat(req, res, ctx, correlationId);
      case 'GET /__stub/fault':
      case 'POST /__stub/fault':
        return await fault(req, res, ctx);
      default: {
        const known = ['/health', '/api/chat', '/__stub/fault'].includes(path);
        return json(res, known ? 405 : 404, { detail: known ? 'Method Not Allowed' : 'Not Found' });
      }
    }
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    // The rest of the upload is not read: close rather than keep a half-read connection alive.
    res.setHeader('Connection', 'close');
    return json(res, 413, { detail: `Request body over ${MAX_BODY_BYTES} bytes.` });
  }
}
