import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgentStub, type AgentStub } from '../../../src/tools/agent-stub/agent-stub.server.ts';
import { chatBody, ChatSocket, connect, postJson } from './ws-session-client.ts';

let stub: AgentStub;

beforeAll(async () => {
  stub = await startAgentStub({ port: 0, maxPayloadBytes: 64 * 1024 });
});

afterAll(async () => {
  await stub.close();
});

async function stillServes(): Promise<void> {
  const socket = await ChatSocket.open(stub.url);
  expect((await socket.exchange('still there?')).at(-1)?.type).toBe('complete');
  await socket.close();
  expect((await fetch(`${stub.url}/health`)).status).toBe(200);
}

describe('agent stub survives bad input', () => {
  it('answers bad WS frames with an assistant_error and keeps the session serving', async () => {
    const socket = await ChatSocket.open(stub.url);
    const bad: (string | Buffer)[] = [
      '{not json',
      'null',
      '42',
      JSON.stringify({ type: 'chat' }),
      JSON.stringify({ type: 'hello', data: {} }),
      JSON.stringify({ type: 'chat', data: { message: 7 }, correlation_id: 'x' }),
      Buffer.from([0, 1, 2, 3]),
    ];
    for (const frame of bad) {
      const from = socket.frames.length;
      socket.ws.send(frame);
      const reply = await socket.waitFor((f) => f.type === 'assistant_error', from);
      expect((reply.data as { content: string }).content).toMatch(/^(Invalid message|Binary frames)/);
    }
    expect((await socket.exchange('and now a real one')).at(-1)?.type).toBe('complete');
    await socket.close();
  });

  it('closes an oversized WS frame with 1009 and keeps serving others', async () => {
    const socket = await ChatSocket.open(stub.url);
    socket.ws.send('x'.repeat(128 * 1024));
    expect((await socket.closed).code).toBe(1009);
    await stillServes();
  });

  it('survives a client that vanishes mid-stream', async () => {
    const socket = await ChatSocket.open(stub.url);
    socket.chat('stream 200000');
    await socket.waitFor((f) => f.type === 'stream_token');
    socket.ws.terminate();
    await socket.closed;
    await stillServes();
  });

  it('refuses WS upgrades on other paths with 404', async () => {
    const base = stub.url.replace('http', 'ws');
    for (const path of ['/chat/ws/only-client', '/ws', '/chat/ws/a/b/c']) {
      await expect(connect(`${base}${path}`)).rejects.toThrow('HTTP 404');
    }
    await expect(connect(`${base}/chat/ws/%E0%A4%A/s`)).rejects.toThrow('HTTP 400');
  });

  it('answers bad chat bodies with 400 and a JSON detail', async () => {
    for (const body of ['{oops', 'null', { message: 'hi' }, { ...chatBody('hi'), session_id: 3 }]) {
      const reply = await postJson(`${stub.url}/api/chat`, body);
      expect(reply.status).toBe(400);
      expect(JSON.parse(reply.text)).toEqual({ detail: expect.any(String) as string });
    }
  });

  it('answers unknown routes 404, wrong methods 405, oversized bodies 413', async () => {
    expect((await fetch(`${stub.url}/nope`)).status).toBe(404);
    expect((await fetch(`${stub.url}/api/chat`)).status).toBe(405);
    expect((await postJson(`${stub.url}/health`, {})).status).toBe(405);
    const big = await postJson(`${stub.url}/api/chat`, { ...chatBody('x'), message: 'x'.repeat(2 * 1024 * 1024) });
    expect(big.status).toBe(413);
    await stillServes();
  });

  it('replaces a correlation id that is not one printable token (no spaces, at most 200 chars)', async () => {
    const id = await new Promise<string | undefined>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: stub.port, path: '/health', headers: { 'X-Correlation-ID': 'has space' } }, (res) => {
        res.resume();
        resolve(res.headers['x-correlation-id'] as string | undefined);
      });
      req.on('error', reject);
      req.end();
    });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('closes idempotently with clients connected', async () => {
    const other = await startAgentStub({ port: 0 });
    const socket = await ChatSocket.open(other.url);
    await Promise.all([other.close(), other.close()]);
    expect((await socket.closed).code).toBe(1006);
    await expect(fetch(`${other.url}/health`)).rejects.toThrow();
  });
});
