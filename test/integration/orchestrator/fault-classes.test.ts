import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentStub } from '../../../src/tools/agent-stub/agent-stub.server.ts';
import { COMPONENT_MISSING_TEXT, MALFORMED_FRAME_TEXT, type FaultMode } from '../../../src/tools/agent-stub/fault-mode.ts';
import type { ChatError, ChatTransport } from '../../../src/shared/model/index.ts';
import { chatHarness, closedPort, defaultSetup, StubPool } from './chat-fixture.ts';

const pool = new StubPool();
let stub: AgentStub;

beforeAll(async () => {
  stub = await pool.start({ delayMs: 5000 });
});
afterAll(() => pool.closeAll());

/** One exchange on a fresh client (fresh breaker) pinned to `target`; checks the event envelope. */
async function exchange(transport: ChatTransport, target: string, timeoutMs = 3000) {
  const harness = chatHarness({ setup: () => defaultSetup('http://orchestrator-service:8006') });
  try {
    const { outcome, events } = await harness.send({
      message: 'hello agent',
      transport,
      pinnedTarget: target,
      timeoutMs,
      correlationId: `cid-${transport}-${Math.random()}`,
    });
    expect(events[0]?.type).toBe('target');
    expect(events.at(-1)?.type).toBe(outcome.ok ? 'complete' : 'error');
    expect(events.every((event) => event.correlationId === outcome.correlationId)).toBe(true);
    expect(harness.logs.filter((line) => line.correlationId === outcome.correlationId).map((line) => line.msg)).toContain(
      outcome.ok ? 'chat exchange complete' : 'chat exchange failed',
    );
    return { outcome, events, error: outcome.ok ? null : outcome.error };
  } finally {
    await harness.client.dispose();
  }
}

async function errorOf(transport: ChatTransport, target: string, timeoutMs?: number): Promise<ChatError> {
  const { error } = await exchange(transport, target, timeoutMs);
  expect(error).not.toBeNull();
  expect(error?.correlationId).toMatch(/^cid-/);
  return error as ChatError;
}

describe('every agent-stub fault mode, over WS and HTTP, real sockets', () => {
  const cases: Array<[FaultMode, Partial<ChatError> | 'complete', Partial<ChatError> | 'complete']> = [
    ['none', 'complete', 'complete'],
    ['slow-first-token', { class: 'TIMEOUT' }, { class: 'TIMEOUT' }],
    ['drop-mid-stream', { class: 'WS_CLOSED', closeCode: 1006, closeName: 'abnormal closure' }, { class: 'PROTOCOL_VIOLATION' }],
    ['close-1011', { class: 'WS_CLOSED', closeCode: 1011, closeName: 'internal error' }, { class: 'HTTP_STATUS', status: 500 }],
    [
      'malformed-frame',
      { class: 'PROTOCOL_VIOLATION', rawFrame: MALFORMED_FRAME_TEXT },
      { class: 'PROTOCOL_VIOLATION', rawFrame: MALFORMED_FRAME_TEXT },
    ],
    ['http-500', 'complete', { class: 'HTTP_STATUS', status: 500 }],
    ['assistant-error', { class: 'AGENT_ERROR' }, { class: 'AGENT_ERROR' }],
    [
      'component-missing',
      { class: 'SERVER_COMPONENT_MISSING', detail: COMPONENT_MISSING_TEXT },
      { class: 'SERVER_COMPONENT_MISSING', status: 500 },
    ],
    ['ws-broken', { class: 'WS_HANDSHAKE_FAILED', status: 404 }, 'complete'],
    ['degraded', 'complete', 'complete'],
    ['unhealthy', 'complete', 'complete'],
  ];

  it.each(cases)('%s → ws %o, http %o', async (mode, wsExpected, httpExpected) => {
    stub.setFault(mode);
    for (const [transport, expected] of [
      ['ws', wsExpected],
      ['http', httpExpected],
    ] as const) {
      const { outcome, error } = await exchange(transport, stub.url, mode === 'slow-first-token' ? 400 : 3000);
      if (expected === 'complete') {
        expect(outcome.ok, JSON.stringify(error)).toBe(true);
        if (outcome.ok) expect(outcome.response).toBe('Agent stub (default journey) received 2 words: hello agent');
      } else {
        expect(error).toMatchObject(expected);
      }
    }
  });

  it('the WS stream emits status, the manager token and every assistant token, with time to first token', async () => {
    stub.setFault('none');
    const { outcome, events } = await exchange('ws', stub.url);
    expect(events.map((event) => event.type)).toEqual(['target', 'status', 'token', ...Array(9).fill('token'), 'complete']);
    const assistant = events.flatMap((event) => (event.type === 'token' && event.role === 'assistant' ? [event.content] : []));
    expect(outcome.ok && assistant.join('') === outcome.response).toBe(true);
    expect(events[1]).toMatchObject({ type: 'status', status: 'processing' });
    expect(events[2]).toMatchObject({ type: 'token', role: 'manager' });
    expect(outcome.ok && outcome.firstTokenMs !== null && outcome.firstTokenMs <= outcome.totalMs).toBe(true);
  });
});

describe('the same fault yields the same class on HTTP and WS', () => {
  it('DNS: a pinned name that does not resolve → DNS_NOT_FOUND, "Name or service not known"', async () => {
    for (const target of ['http://orchestrator-service:8006', 'http://no-such-host.invalid:8006']) {
      const ws = await errorOf('ws', target);
      const http = await errorOf('http', target);
      expect([ws.class, http.class]).toEqual(['DNS_NOT_FOUND', 'DNS_NOT_FOUND']);
      expect(ws.explanation).toContain('Name or service not known');
      expect(http.explanation).toBe(ws.explanation);
    }
    expect((await errorOf('ws', 'http://orchestrator-service:8006')).explanation).toContain('docker alias');
  });

  it('refused: nothing listens → CONNECTION_REFUSED', async () => {
    const target = `http://127.0.0.1:${await closedPort()}`;
    expect((await errorOf('ws', target)).class).toBe('CONNECTION_REFUSED');
    expect((await errorOf('http', target)).class).toBe('CONNECTION_REFUSED');
  });

  it('timeout: the first token never comes in time → TIMEOUT', async () => {
    stub.setFault('slow-first-token', 5000);
    const ws = await errorOf('ws', stub.url, 300);
    const http = await errorOf('http', stub.url, 300);
    expect([ws.class, http.class]).toEqual(['TIMEOUT', 'TIMEOUT']);
    expect(ws.explanation).toContain('did not complete its answer within 300 ms');
    expect(http.explanation).toBe(ws.explanation);
  });

  it('TLS: https/wss to a plain-HTTP server → TLS_ERROR', async () => {
    stub.setFault('none');
    const tlsUrl = stub.url.replace('http://', 'https://');
    expect((await errorOf('ws', tlsUrl)).class).toBe('TLS_ERROR');
    expect((await errorOf('http', tlsUrl)).class).toBe('TLS_ERROR');
  });

  it('component missing, assistant error and a malformed answer', async () => {
    for (const [mode, expected] of [
      ['component-missing', 'SERVER_COMPONENT_MISSING'],
      ['assistant-error', 'AGENT_ERROR'],
      ['malformed-frame', 'PROTOCOL_VIOLATION'],
    ] as const) {
      stub.setFault(mode);
      expect([(await errorOf('ws', stub.url)).class, (await errorOf('http', stub.url)).class]).toEqual([expected, expected]);
    }
    stub.setFault('none');
  });
});
