import { lookup } from 'node:dns/promises';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgentStub, type AgentStub } from '../../../src/tools/agent-stub/agent-stub.server.ts';
import { eventContract, invokeContract } from '../../../src/shared/contract/index.ts';
import type { ChatEvent } from '../../../src/shared/model/index.ts';
import { ContractClient, startServe, type RunningServe } from './serve-harness.ts';

type ChatEventPayload = { transport: 'ws' | 'http' | 'raw'; event: ChatEvent };

let dir: string;
let stub: AgentStub;
let serve: RunningServe;
let client: ContractClient;

async function setFault(mode: string): Promise<void> {
  const res = await fetch(`${stub.url}/__stub/fault`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ mode }),
  });
  if (!res.ok) throw new Error(`fault ${mode}: HTTP ${res.status}`);
}

/** Sends one chat over the contract; returns its outcome (schema-checked) and its chat events (each schema-checked). */
async function chat(payload: Record<string, unknown>, channel: 'chat:send' | 'chat:compare' = 'chat:send') {
  const from = client.events.length;
  const frame = await client.invoke(channel, payload);
  const events = client
    .since(from, eventContract.chatEvent.channel)
    .map((p) => eventContract.chatEvent.payload.parse(p) as ChatEventPayload);
  return { frame, events };
}

beforeAll(async () => {
  // The fallback case rests on this: the docker alias does not resolve from this host.
  await expect(lookup('orchestrator-service')).rejects.toMatchObject({ code: expect.stringMatching(/ENOTFOUND|EAI_AGAIN/) });
  dir = mkdtempSync(join(tmpdir(), 'sd-chat-contract-'));
  stub = await startAgentStub({ port: 0 });
  const workspace = join(dir, 'workspace');
  mkdirSync(workspace);
  writeFileSync(
    join(workspace, 'stack-doctor.yaml'),
    `orchestrator:\n  url: http://orchestrator-service:8006\n  fallbackUrl: ${stub.url}\nchat:\n  journeys:\n    support: { template: "[support] {message}" }\n`,
  );
  serve = await startServe(dir, workspace);
  client = await ContractClient.connect(serve.url);
});

afterAll(async () => {
  client?.close();
  await serve?.stop();
  await stub?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the chat contract over serve mode, real stub, real handlers', () => {
  it('chat:state shows the stack journeys, ids and no setup error', async () => {
    const { result } = await client.invoke('chat:state', {});
    const state = invokeContract.getChatState.response.parse(result.value);
    expect(state).toMatchObject({ journeys: [{ name: 'support', template: '[support] {message}' }], setupError: null, breakers: [] });
    expect(state.clientId).not.toBe(state.sessionId);
  });

  for (const transport of ['ws', 'http'] as const) {
    it(`chat:send over ${transport} to a pinned target: target, status?, tokens, complete, then the outcome`, async () => {
      const { frame, events } = await chat({ message: 'hello there', transport, pinnedTarget: stub.url, journey: 'support' });
      expect(frame.result.ok).toBe(true);
      const outcome = invokeContract.sendChat.response.parse(frame.result.value);
      expect(outcome).toMatchObject({ ok: true, transport });
      if (!outcome.ok) return;
      expect(outcome.response).toContain('[support] hello there');
      expect(events.every((e) => e.transport === transport && e.event.correlationId === outcome.correlationId)).toBe(true);
      const types = events.map((e) => e.event.type);
      expect(types[0]).toBe('target');
      expect(events[0]?.event).toMatchObject({ decision: 'pinned', pinned: true, url: stub.url });
      expect(types.at(-1)).toBe('complete');
      const expected = transport === 'ws' ? /^target,status,(token,)+complete$/ : /^target,token,complete$/;
      expect(types.join(',')).toMatch(expected);
      const assistant = events.flatMap((e) => (e.event.type === 'token' && e.event.role === 'assistant' ? [e.event.content] : [])).join('');
      expect(assistant).toBe(outcome.response);
    });
  }

  it('a stub switched to assistant-error gives an AGENT_ERROR outcome and error event on both transports', async () => {
    await setFault('assistant-error');
    try {
      for (const transport of ['ws', 'http'] as const) {
        const { frame, events } = await chat({ message: 'hi', transport, pinnedTarget: stub.url });
        expect(frame.result.value).toMatchObject({ ok: false, error: { class: 'AGENT_ERROR' } });
        expect(events.at(-1)?.event).toMatchObject({ type: 'error', error: { class: 'AGENT_ERROR' } });
      }
    } finally {
      await setFault('none');
    }
  });

  it('chat:compare sends over both paths, tags events with their transport, and says they agree', async () => {
    const { frame, events } = await chat({ message: 'compare me', pinnedTarget: stub.url }, 'chat:compare');
    const result = invokeContract.compareChatPaths.response.parse(frame.result.value);
    expect(result).toMatchObject({
      bothAnswered: true,
      agree: true,
      ws: { ok: true, transport: 'ws' },
      http: { ok: true, transport: 'http' },
    });
    for (const transport of ['ws', 'http'] as const) {
      const mine = events.filter((e) => e.transport === transport).map((e) => e.event.type);
      expect(mine[0]).toBe('target');
      expect(mine.at(-1)).toBe('complete');
    }
  });

  it('chat:new-session answers a new session id that chat:state then reports', async () => {
    const before = invokeContract.getChatState.response.parse((await client.invoke('chat:state', {})).result.value);
    const { result } = await client.invoke('chat:new-session', {});
    expect(result.ok).toBe(true);
    const { sessionId } = result.value as { sessionId: string };
    expect(sessionId).not.toBe(before.sessionId);
    const after = invokeContract.getChatState.response.parse((await client.invoke('chat:state', {})).result.value);
    expect(after).toMatchObject({ sessionId, clientId: before.clientId });
  });

  it('an invalid chat:send gets INVALID_REQUEST, emits nothing, and the connection keeps working', async () => {
    for (const payload of [
      { message: 42, transport: 'ws' },
      { message: 'hi', transport: 'pigeon' },
      { message: 'hi', transport: 'ws', pinnedTarget: 'not a url' },
    ]) {
      const { frame, events } = await chat(payload);
      expect(frame.result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
      expect(events).toEqual([]);
    }
    const unknownJourney = await chat({ message: 'hi', transport: 'ws', pinnedTarget: stub.url, journey: 'nope' });
    expect(unknownJourney.frame.result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: expect.stringContaining('unknown journey "nope"') },
    });
    expect((await client.invoke('chat:state', {})).result.ok).toBe(true);
  });

  it('without a pin, the workspace config decides: the alias does not resolve, the fallback answers → localhost-fallback', async () => {
    for (const transport of ['ws', 'http'] as const) {
      const { frame, events } = await chat({ message: 'hi', transport });
      expect(events[0]?.event).toMatchObject({ type: 'target', decision: 'localhost-fallback', pinned: false, url: stub.url });
      expect(events[0]?.event.type === 'target' && events[0].event.reason).toContain(
        'orchestrator-service is a docker alias that does not resolve',
      );
      expect(frame.result.value).toMatchObject({ ok: true });
    }
  });
});

describe('breaker thresholds from settings, breaker events over serve mode', () => {
  it('opens after chatBreakerFailures counted failures, says so on chat:breaker, and a settings change starts closed', async () => {
    const from = client.events.length;
    expect((await client.invoke('settings:update', { chatBreakerFailures: 1 })).result).toMatchObject({
      ok: true,
      value: { chatBreakerFailures: 1 },
    });
    await setFault('http-500');
    try {
      const failed = await chat({ message: 'hi', transport: 'http', pinnedTarget: stub.url });
      expect(failed.frame.result.value).toMatchObject({ ok: false, error: { class: 'HTTP_STATUS', status: 500 } });
      const opened = client.since(from, eventContract.breakerChanged.channel).map((p) => eventContract.breakerChanged.payload.parse(p));
      expect(opened).toEqual([
        expect.objectContaining({ target: stub.url, state: 'open', previous: 'closed', lastFailure: 'HTTP_STATUS' }),
      ]);
      const blocked = await chat({ message: 'hi', transport: 'ws', pinnedTarget: stub.url });
      expect(blocked.frame.result.value).toMatchObject({ ok: false, error: { class: 'CIRCUIT_OPEN' } });
      const state = invokeContract.getChatState.response.parse((await client.invoke('chat:state', {})).result.value);
      expect(state.breakers).toContainEqual({ target: stub.url, state: 'open' });
    } finally {
      await setFault('none');
    }
    const mark = client.events.length;
    await client.invoke('settings:update', { chatBreakerFailures: 5 });
    const state = invokeContract.getChatState.response.parse((await client.invoke('chat:state', {})).result.value);
    expect(state.breakers).toEqual([]);
    expect(client.since(mark, eventContract.breakerChanged.channel)).toEqual([
      expect.objectContaining({ target: stub.url, state: 'closed', previous: 'open' }),
    ]);
    expect((await chat({ message: 'hi', transport: 'ws', pinnedTarget: stub.url })).frame.result.value).toMatchObject({ ok: true });
  });
});
