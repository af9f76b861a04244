import WebSocket from 'ws';

/** A parsed server frame, or `{ raw }` when the frame was not JSON. */
export type Frame = Record<string, unknown> & { type?: unknown };

export interface Closed {
  code: number;
  reason: string;
}

/** Parses like a client would: anything that is not a JSON object comes back as `{ raw }`. */
function parse(text: string): Frame {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Frame) : { raw: text };
  } catch {
    return { raw: text };
  }
}

/** Resolves with the socket, or rejects with `HTTP <status>` when the upgrade is refused. */
export function connect(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      reject(new Error(`HTTP ${res.statusCode}`));
      res.resume();
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

/** A real `ws` client on `/chat/ws/{client}/{session}` that records every frame and waits on events, never on time. */
export class ChatSocket {
  readonly frames: Frame[] = [];
  readonly closed: Promise<Closed>;
  private waiters: { match: (f: Frame) => boolean; done: (f: Frame) => void; fail: (e: Error) => void }[] = [];
  private closeInfo: Closed | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const frame = parse(data.toString());
      this.frames.push(frame);
      for (const waiter of this.waiters.filter((w) => w.match(frame))) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.done(frame);
      }
    });
    this.closed = new Promise((resolve) => {
      ws.once('close', (code, reason) => {
        this.closeInfo = { code, reason: reason.toString() };
        for (const waiter of this.waiters.splice(0)) waiter.fail(new Error(`socket closed ${code} ${reason.toString()} before the frame`));
        resolve(this.closeInfo);
      });
    });
    ws.on('error', () => undefined);
  }

  static async open(baseUrl: string, clientId = 'client-1', sessionId = 'session-1'): Promise<ChatSocket> {
    const url = `${baseUrl.replace(/^http/, 'ws')}/chat/ws/${encodeURIComponent(clientId)}/${encodeURIComponent(sessionId)}`;
    return new ChatSocket(await connect(url));
  }

  chat(message: string, options: { journey?: string; correlationId?: string } = {}): void {
    const data = options.journey === undefined ? { message } : { message, journey: options.journey };
    this.ws.send(JSON.stringify({ type: 'chat', data, correlation_id: options.correlationId ?? 'corr-1' }));
  }

  /** The first frame (already received or coming) that matches, counting from `from`. */
  waitFor(match: (frame: Frame) => boolean, from = 0): Promise<Frame> {
    const seen = this.frames.slice(from).find(match);
    if (seen) return Promise.resolve(seen);
    if (this.closeInfo) return Promise.reject(new Error(`socket already closed ${this.closeInfo.code}`));
    return new Promise((done, fail) => this.waiters.push({ match, done, fail }));
  }

  /** Sends a chat and resolves at its `complete` or `assistant_error`, with the frames of this exchange. */
  async exchange(message: string, options: { journey?: string; correlationId?: string } = {}): Promise<Frame[]> {
    const from = this.frames.length;
    this.chat(message, options);
    await this.waitFor((f) => f.type === 'complete' || f.type === 'assistant_error', from);
    return this.frames.slice(from);
  }

  close(): Promise<Closed> {
    if (!this.closeInfo) this.ws.close();
    return this.closed;
  }
}

/** The assistant's answer text: its tokens concatenated. */
export function assistantText(frames: Frame[]): string {
  return frames
    .filter((f) => f.type === 'stream_token' && (f.data as { type: string }).type === 'assistant')
    .map((f) => (f.data as { content: string }).content)
    .join('');
}

export interface HttpReply {
  status: number;
  headers: Headers;
  text: string;
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpReply> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

export function chatBody(message: string, journey?: string): Record<string, string> {
  return { message, session_id: 'session-1', client_id: 'client-1', ...(journey === undefined ? {} : { journey }) };
}
