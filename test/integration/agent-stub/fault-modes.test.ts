import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { wsServerMessageSchema } from '../../../src/shared/model/chat-protocol.ts';
import { startAgentStub, type AgentStub } from '../../../src/tools/agent-stub/agent-stub.server.ts';
import { COMPONENT_MISSING_TEXT, DROP_AFTER_TOKENS, FaultMode } from '../../../src/tools/agent-stub/fault-mode.ts';
import { assistantText, chatBody, ChatSocket, connect, postJson, type Frame } from './ws-session-client.ts';

let stub: AgentStub;
const expected = 'Agent stub (default journey) received 3 words: where is it';

beforeAll(async () => {
  stub = await startAgentStub({ port: 0 });
});

afterAll(async () => {
  await stub.close();
});

beforeEach(() => stub.setFault('none', 2000));

const chatHttp = (message = 'where is it') => postJson(`${stub.url}/api/chat`, chatBody(message));
const assistantTokens = (frames: Frame[]) =>
  frames.filter((f) => f.type === 'stream_token' && (f.data as { type: string }).type === 'assistant');

describe('agent stub fault modes, each on both transports', () => {
  it('slow-first-token delays the first WS token and the HTTP answer by delayMs', async () => {
    stub.setFault('slow-first-token', 300);
    const socket = await ChatSocket.open(stub.url);
    socket.chat('where is it');
    await socket.waitFor((f) => f.type === 'status');
    const statusAt = performance.now();
    await socket.waitFor((f) => f.type === 'stream_token');
    expect(performance.now() - statusAt).toBeGreaterThanOrEqual(250);
    await socket.waitFor((f) => f.type === 'complete');
    expect(assistantText(socket.frames)).toBe(expected);
    await socket.close();

    const start = performance.now();
    const reply = await chatHttp();
    expect(performance.now() - start).toBeGreaterThanOrEqual(250);
    expect(JSON.parse(reply.text)).toMatchObject({ success: true, response: expected });
  });

  it('drop-mid-stream: a few WS tokens, then the socket is destroyed (1006); HTTP is cut mid-body', async () => {
    stub.setFault('drop-mid-stream');
    const socket = await ChatSocket.open(stub.url);
    socket.chat('where is it');
    expect((await socket.closed).code).toBe(1006);
    expect(socket.frames[0]).toMatchObject({ type: 'status', status: 'processing' });
    expect(assistantTokens(socket.frames)).toHaveLength(DROP_AFTER_TOKENS);
    expect(socket.frames.some((f) => f.type === 'complete')).toBe(false);

    await expect(chatHttp()).rejects.toThrow();
  });

  it('close-1011: status, then close 1011 "internal error"; HTTP answers 500', async () => {
    stub.setFault('close-1011');
    const socket = await ChatSocket.open(stub.url);
    socket.chat('where is it');
    expect(await socket.closed).toEqual({ code: 1011, reason: 'internal error' });
    expect(socket.frames.map((f) => f.type)).toEqual(['status']);

    const reply = await chatHttp();
    expect(reply.status).toBe(500);
    expect(JSON.parse(reply.text)).toEqual({ detail: 'internal error' });
  });

  it('malformed-frame: a non-JSON frame and an unknown-type frame, then the answer; HTTP body is not JSON', async () => {
    stub.setFault('malformed-frame');
    const socket = await ChatSocket.open(stub.url);
    const frames = await socket.exchange('where is it');
    expect(frames[0]).toMatchObject({ type: 'status' });
    expect(typeof frames[1]?.raw).toBe('string');
    expect(wsServerMessageSchema.safeParse(frames[2]).success).toBe(false);
    expect(frames[2]?.type).toBe('stub_unknown');
    expect(assistantText(frames)).toBe(expected);
    await socket.close();

    const reply = await chatHttp();
    expect(reply.status).toBe(200);
    expect(() => JSON.parse(reply.text) as unknown).toThrow();
  });

  it('http-500: HTTP chat answers 500 while WS is unaffected', async () => {
    stub.setFault('http-500');
    const reply = await chatHttp();
    expect(reply.status).toBe(500);
    expect(JSON.parse(reply.text)).toEqual({ detail: 'Internal Server Error' });

    const socket = await ChatSocket.open(stub.url);
    expect(assistantText(await socket.exchange('where is it'))).toBe(expected);
    await socket.close();
  });

  it('assistant-error: WS sends assistant_error and stays open; HTTP answers success: false', async () => {
    stub.setFault('assistant-error');
    const socket = await ChatSocket.open(stub.url);
    const frames = await socket.exchange('where is it', { correlationId: 'corr-err' });
    expect(frames.map((f) => f.type)).toEqual(['status', 'assistant_error']);
    const error = wsServerMessageSchema.parse(frames[1]);
    expect(error.type === 'assistant_error' && error.data.content).toMatch(/assistant failed/);
    expect(frames[1]?.correlation_id).toBe('corr-err');
    // The session survives: switch the fault off and the same socket answers.
    stub.setFault('none');
    expect(assistantText(await socket.exchange('where is it'))).toBe(expected);
    await socket.close();

    stub.setFault('assistant-error');
    const reply = JSON.parse((await chatHttp()).text) as { success: boolean; response: string };
    expect(reply.success).toBe(false);
    expect(reply.response).toBe((frames[1]?.data as { content: string }).content);
  });

  it('component-missing: the exact server text as an assistant_error and as the 1011 close reason; HTTP 500 detail', async () => {
    stub.setFault('component-missing');
    const socket = await ChatSocket.open(stub.url);
    socket.chat('where is it');
    expect(await socket.closed).toEqual({ code: 1011, reason: COMPONENT_MISSING_TEXT });
    expect(socket.frames[1]).toMatchObject({
      type: 'assistant_error',
      data: { content: 'tool_dispatcher is missing or None in WebSocket supervisor factory' },
    });

    const reply = await chatHttp();
    expect(reply.status).toBe(500);
    expect(JSON.parse(reply.text)).toEqual({ detail: COMPONENT_MISSING_TEXT });
  });

  it('ws-broken: the WS upgrade is refused with 404 while HTTP chat and health work', async () => {
    stub.setFault('ws-broken');
    await expect(ChatSocket.open(stub.url)).rejects.toThrow('HTTP 404');
    expect(JSON.parse((await chatHttp()).text)).toMatchObject({ success: true, response: expected });
    expect((await fetch(`${stub.url}/health`)).status).toBe(200);
  });

  it.each([
    ['degraded', 200],
    ['unhealthy', 503],
  ] as const)('%s: health says so (HTTP %i) while chat still answers', async (mode, status) => {
    stub.setFault(mode);
    const res = await fetch(`${stub.url}/health`);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ status: mode });
    expect(JSON.parse((await chatHttp()).text)).toMatchObject({ success: true });
    const socket = await ChatSocket.open(stub.url);
    expect(assistantText(await socket.exchange('where is it'))).toBe(expected);
    await socket.close();
  });
});

describe('switching the fault at run time', () => {
  it('POST /__stub/fault switches it for the next exchange on an open session; GET reads it', async () => {
    const socket = await ChatSocket.open(stub.url);
    expect(assistantText(await socket.exchange('where is it'))).toBe(expected);

    const set = await postJson(`${stub.url}/__stub/fault`, { mode: 'assistant-error' });
    expect(set.status).toBe(200);
    expect(JSON.parse(set.text)).toMatchObject({ mode: 'assistant-error', modes: FaultMode.options });
    expect((await socket.exchange('where is it')).at(-1)?.type).toBe('assistant_error');

    const got = (await (await fetch(`${stub.url}/__stub/fault`)).json()) as { mode: string };
    expect(got.mode).toBe('assistant-error');
    await postJson(`${stub.url}/__stub/fault`, { mode: 'none' });
    expect((await socket.exchange('where is it')).at(-1)?.type).toBe('complete');
    await socket.close();
  });

  it('sets the slow-first-token delay over HTTP too', async () => {
    const set = await postJson(`${stub.url}/__stub/fault`, { mode: 'slow-first-token', delayMs: 50 });
    expect(JSON.parse(set.text)).toMatchObject({ mode: 'slow-first-token', delayMs: 50 });
    expect(stub.fault()).toEqual({ mode: 'slow-first-token', delayMs: 50 });
  });

  it('refuses an unknown mode with 400 and keeps the current one', async () => {
    stub.setFault('http-500');
    for (const body of [{ mode: 'nope' }, { mode: 'none', delayMs: -1 }, 'not json']) {
      const reply = await postJson(`${stub.url}/__stub/fault`, body);
      expect(reply.status).toBe(400);
      expect(JSON.parse(reply.text)).toHaveProperty('detail');
    }
    expect(stub.fault().mode).toBe('http-500');
  });

  it('a fault given at start is in force from the first request', async () => {
    const other = await startAgentStub({ port: 0, fault: 'ws-broken' });
    try {
      await expect(connect(`${other.url.replace('http', 'ws')}/chat/ws/c/s`)).rejects.toThrow('HTTP 404');
      other.setFault('none');
      const socket = await ChatSocket.open(other.url);
      expect((await socket.exchange('hi')).at(-1)?.type).toBe('complete');
      await socket.close();
    } finally {
      await other.close();
    }
  });
});
