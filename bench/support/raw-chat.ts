import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';

/**
 * The baseline of bench/chat: the default profile's exchange done by hand with `ws` and `fetch`, nothing
 * else (no target decision, breaker, timeout, zod or events). It does the work any correct client must do,
 * so the difference to the orchestrator client is the client's own cost:
 * - WS, `RawWsSession`: one socket per session kept open (as the client keeps its session's socket), the
 *   chat frame with a fresh correlation id, JSON.parse of every server frame, the assistant tokens kept and
 *   joined until `complete`. `rawWsChat`: one connection per exchange (the `X-Correlation-ID` upgrade header,
 *   the chat frame, …, close 1000), for the client with reuse turned off.
 * - HTTP: one POST with the same body and headers, the JSON answer parsed.
 */

export interface RawChatResult {
  response: string;
  tokens: number;
}

/** `/chat/ws/{client_id}/{session_id}` on a `http://host:port` base. */
export function rawWsUrl(base: string, clientId: string, sessionId: string): string {
  return `${base.replace(/^http/, 'ws')}/chat/ws/${encodeURIComponent(clientId)}/${encodeURIComponent(sessionId)}`;
}

interface ServerFrame {
  type?: string;
  data?: { type?: string; content?: string };
}

/**
 * Reads one exchange's server frames: counts tokens, keeps the assistant's, and calls `done` on `complete`
 * or `fail` on anything but `status`. The same hand-written work for both raw baselines.
 */
function exchangeReader(
  onToken: (content: string) => void,
  done: (result: RawChatResult) => void,
  fail: (error: Error) => void,
): (data: Buffer) => void {
  const assistant: string[] = [];
  let tokens = 0;
  return (data) => {
    const frame = JSON.parse(data.toString()) as ServerFrame;
    if (frame.type === 'stream_token') {
      tokens += 1;
      const content = frame.data?.content ?? '';
      if (frame.data?.type === 'assistant') assistant.push(content);
      onToken(content);
    } else if (frame.type === 'complete') {
      done({ response: assistant.join(''), tokens });
    } else if (frame.type !== 'status') {
      fail(new Error(`raw ws: unexpected frame ${data.toString().slice(0, 200)}`));
    }
  };
}

/** Connect, send the chat frame, read frames until `complete`; rejects on anything else (the stub has no fault here). */
export function rawWsChat(url: string, message: string, onToken: (content: string) => void): Promise<RawChatResult> {
  return new Promise((resolve, reject) => {
    const correlationId = randomUUID();
    const socket = new WebSocket(url, { perMessageDeflate: false, headers: { 'X-Correlation-ID': correlationId } });
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      socket.terminate();
      reject(error);
    };
    const read = exchangeReader(
      onToken,
      (result) => {
        settled = true;
        resolve(result);
        socket.close(1000);
      },
      fail,
    );
    socket.on('open', () => socket.send(JSON.stringify({ type: 'chat', data: { message }, correlation_id: correlationId })));
    socket.on('message', (data: Buffer) => {
      if (!settled) read(data);
    });
    socket.on('error', fail);
    socket.on('close', (code) => fail(new Error(`raw ws: closed with ${code} before complete`)));
  });
}

/**
 * One session's socket, opened on the first exchange and kept for the next ones (reconnecting only when it is
 * gone), like the client's pooled socket; exchanges run one at a time. Rejects on anything but the happy path.
 */
export class RawWsSession {
  private socket: WebSocket | null = null;
  private current: { onFrame: (data: Buffer) => void; fail: (error: Error) => void } | null = null;

  constructor(private readonly url: string) {}

  async chat(message: string, onToken: (content: string) => void): Promise<RawChatResult> {
    const socket = this.socket?.readyState === WebSocket.OPEN ? this.socket : await this.connect();
    return new Promise((resolve, reject) => {
      const fail = (error: Error): void => {
        this.current = null;
        this.socket?.terminate();
        this.socket = null;
        reject(error);
      };
      const onFrame = exchangeReader(
        onToken,
        (result) => {
          this.current = null;
          resolve(result);
        },
        fail,
      );
      this.current = { onFrame, fail };
      socket.send(JSON.stringify({ type: 'chat', data: { message }, correlation_id: randomUUID() }));
    });
  }

  close(): void {
    this.socket?.close(1000);
    this.socket = null;
  }

  private connect(): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.url, { perMessageDeflate: false, headers: { 'X-Correlation-ID': randomUUID() } });
      socket.on('open', () => {
        this.socket = socket;
        resolve(socket);
      });
      socket.on('message', (data: Buffer) => this.current?.onFrame(data));
      socket.on('error', (error) => (this.current ? this.current.fail(error) : reject(error)));
      socket.on('close', (code) => this.current?.fail(new Error(`raw ws: closed with ${code} before complete`)));
    });
  }
}

/**
 * `POST /api/chat` with `fetch`. `fresh: true` sends `Connection: close` so every request opens its own TCP
 * connection, as the client does (it never reuses a socket); `fresh: false` is fetch's pooled keep-alive.
 */
export async function rawHttpChat(
  chatUrl: string,
  body: { message: string; session_id: string; client_id: string },
  fresh: boolean,
): Promise<RawChatResult> {
  const res = await fetch(chatUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-correlation-id': randomUUID(), ...(fresh ? { connection: 'close' } : {}) },
    body: JSON.stringify(body),
  });
  const answer = (await res.json()) as { success?: boolean; response?: string };
  if (!res.ok || answer.success !== true || typeof answer.response !== 'string')
    throw new Error(`raw http: ${res.status} ${JSON.stringify(answer).slice(0, 200)}`);
  return { response: answer.response, tokens: 1 };
}
