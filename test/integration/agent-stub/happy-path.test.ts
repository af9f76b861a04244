import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentHealthSchema, httpChatResponseSchema, wsServerMessageSchema } from '../../../src/shared/model/chat-protocol.ts';
import { startAgentStub, type AgentStub } from '../../../src/tools/agent-stub/agent-stub.server.ts';
import { assistantText, chatBody, ChatSocket, postJson } from './ws-session-client.ts';

let stub: AgentStub;

beforeAll(async () => {
  stub = await startAgentStub({ port: 0 });
});

afterAll(async () => {
  await stub.close();
});

describe('agent stub: the default profile over real sockets', () => {
  it('listens on 127.0.0.1 with no fault', () => {
    expect(stub.url).toBe(`http://127.0.0.1:${stub.port}`);
    expect(stub.fault()).toEqual({ mode: 'none', delayMs: 2000 });
  });

  it('GET /health says healthy, in the profile schema', async () => {
    const res = await fetch(`${stub.url}/health`);
    expect(res.status).toBe(200);
    const body = agentHealthSchema.parse(await res.json());
    expect(body.status).toBe('healthy');
    expect(body.checks).toMatchObject({ tool_dispatcher: 'ok' });
  });

  it('POST /api/chat answers and echoes X-Correlation-ID', async () => {
    const reply = await postJson(`${stub.url}/api/chat`, chatBody('hello there', 'admin'), { 'X-Correlation-ID': 'corr-http-42' });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-correlation-id')).toBe('corr-http-42');
    const body = httpChatResponseSchema.parse(JSON.parse(reply.text));
    expect(body).toEqual({ success: true, response: 'Agent stub (journey admin) received 2 words: hello there', session_id: 'session-1' });
  });

  it('gives every HTTP answer a correlation id, even when the client sent none', async () => {
    const res = await fetch(`${stub.url}/health`);
    expect(res.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('WS streams status, one manager token, word tokens, complete — every frame in the profile schema', async () => {
    const socket = await ChatSocket.open(stub.url, 'client-a', 'session-a');
    const frames = await socket.exchange('hello there', { journey: 'admin', correlationId: 'corr-ws-7' });
    for (const frame of frames) expect(wsServerMessageSchema.safeParse(frame).success).toBe(true);
    expect(frames[0]).toEqual({ type: 'status', status: 'processing', correlation_id: 'corr-ws-7' });
    expect(frames[1]).toMatchObject({ type: 'stream_token', data: { type: 'manager' } });
    expect(frames.at(-1)).toEqual({ type: 'complete', correlation_id: 'corr-ws-7' });
    const tokens = frames.slice(2, -1);
    expect(tokens.length).toBeGreaterThan(3);
    expect(tokens.every((f) => (f.data as { type: string }).type === 'assistant')).toBe(true);
    expect(assistantText(frames)).toBe('Agent stub (journey admin) received 2 words: hello there');
    await socket.close();
  });

  it('HTTP and WS answers to the same message agree', async () => {
    const socket = await ChatSocket.open(stub.url);
    for (const [message, journey] of [
      ['What is the status of order 42?', 'customer'],
      ['  spaced   out  ', undefined],
      ['', undefined],
    ] as const) {
      const ws = assistantText(await socket.exchange(message, { journey }));
      const http = JSON.parse((await postJson(`${stub.url}/api/chat`, chatBody(message, journey))).text) as { response: string };
      expect(ws).toBe(http.response);
    }
    await socket.close();
  });

  it('answers several messages on one session in order', async () => {
    const socket = await ChatSocket.open(stub.url);
    socket.chat('first', { correlationId: 'c-1' });
    socket.chat('second', { correlationId: 'c-2' });
    await socket.waitFor((f) => f.type === 'complete' && f.correlation_id === 'c-2');
    const completes = socket.frames.filter((f) => f.type === 'complete').map((f) => f.correlation_id);
    expect(completes).toEqual(['c-1', 'c-2']);
    expect(assistantText(socket.frames)).toBe(
      'Agent stub (default journey) received 1 word: first' + 'Agent stub (default journey) received 1 word: second',
    );
    await socket.close();
  });

  it('`stream 10000` streams exactly 10,000 assistant tokens and completes; HTTP gives the same text', async () => {
    const socket = await ChatSocket.open(stub.url);
    const frames = await socket.exchange('stream 10000');
    const assistant = frames.filter((f) => f.type === 'stream_token' && (f.data as { type: string }).type === 'assistant');
    expect(assistant).toHaveLength(10_000);
    expect(frames.at(-1)?.type).toBe('complete');
    const text = assistantText(frames);
    expect(text.startsWith('tok1 tok2 ')).toBe(true);
    expect(text.endsWith(' tok10000')).toBe(true);
    const http = JSON.parse((await postJson(`${stub.url}/api/chat`, chatBody('stream 10000'))).text) as { response: string };
    expect(http.response).toBe(text);
    await socket.close();
  });

  it('`stream N over MS ms` spreads the same tokens over about that long on WS', async () => {
    const socket = await ChatSocket.open(stub.url);
    const started = performance.now();
    const frames = await socket.exchange('stream 2048 over 600ms');
    const elapsed = performance.now() - started;
    const assistant = frames.filter((f) => f.type === 'stream_token' && (f.data as { type: string }).type === 'assistant');
    expect(assistant).toHaveLength(2048);
    expect(assistantText(frames).endsWith(' tok2048')).toBe(true);
    // 4 batches of 512, each followed by a 150 ms pause: at least 600 ms, whatever the machine's speed.
    expect(elapsed).toBeGreaterThanOrEqual(590);
    await socket.close();
  });
});
