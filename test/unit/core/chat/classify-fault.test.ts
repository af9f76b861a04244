import { describe, expect, it } from 'vitest';
import { chatErrorSchema, type ChatErrorClass, type OrchestratorTarget } from '../../../../src/shared/model/index.ts';
import type { ChatFault, FaultContext } from '../../../../src/main/core/chat/chat-fault.ts';
import { classifyFault } from '../../../../src/main/core/chat/classify-fault.ts';
import { NAMED_CLOSE_CODES, closeCodeName } from '../../../../src/main/core/chat/close-codes.ts';

const ws: FaultContext = { correlationId: 'cid-1', transport: 'ws', url: 'ws://orchestrator-service:8006/chat/ws/c/s' };
const http: FaultContext = { correlationId: 'cid-1', transport: 'http', url: 'http://localhost:8006/api/chat' };
const COMPONENT = 'tool_dispatcher is missing or None in WebSocket supervisor factory';

function classOf(fault: ChatFault, ctx: FaultContext = http): ChatErrorClass {
  const error = classifyFault(fault, ctx);
  expect(chatErrorSchema.parse(error)).toEqual(error);
  expect(error.correlationId).toBe('cid-1');
  expect(error.explanation.length).toBeGreaterThan(10);
  expect(error.hint.length).toBeGreaterThan(10);
  return error.class;
}

const unresolvable: OrchestratorTarget = {
  configuredUrl: 'http://orchestrator-service:8006',
  configuredFrom: 'default',
  resolvedUrl: null,
  decision: 'unresolvable',
  reason:
    'orchestrator-service is a docker alias that does not resolve from here (ENOTFOUND); http://localhost:8006 does not answer either (ECONNREFUSED)',
  hostIsAlias: true,
  attempts: [
    {
      url: 'http://orchestrator-service:8006',
      step: 'dns',
      result: {
        kind: 'dns-host',
        target: 'orchestrator-service',
        from: 'host',
        ok: false,
        latencyMs: 2,
        error: { code: 'ENOTFOUND', message: 'Name or service not known (orchestrator-service)' },
      },
    },
    {
      url: 'http://localhost:8006',
      step: 'health',
      result: {
        kind: 'http',
        target: 'http://localhost:8006/health',
        from: 'host',
        ok: false,
        latencyMs: 1,
        error: { code: 'ECONNREFUSED', message: 'Connection refused (localhost:8006)' },
      },
    },
  ],
};

describe('classifyFault: every class', () => {
  it.each([
    ['ENOTFOUND', 'DNS_NOT_FOUND'],
    ['EAI_AGAIN', 'DNS_NOT_FOUND'],
    ['ECONNREFUSED', 'CONNECTION_REFUSED'],
    ['EHOSTUNREACH', 'CONNECTION_REFUSED'],
    ['ETIMEDOUT', 'TIMEOUT'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'TLS_ERROR'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'TLS_ERROR'],
    ['EPROTO', 'TLS_ERROR'],
  ] as const)('network %s → %s on both transports', (code, expected) => {
    const fault: ChatFault = { kind: 'network', code, message: 'x', phase: 'connect' };
    expect(classOf(fault, http)).toBe(expected);
    expect(classOf(fault, ws)).toBe(expected);
  });

  it('DNS_NOT_FOUND says "Name or service not known" and explains the alias/localhost split for an alias', () => {
    const error = classifyFault({ kind: 'network', code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND', phase: 'connect' }, ws);
    expect(error.explanation).toContain('Name or service not known');
    expect(error.explanation).toContain('orchestrator-service is a docker alias');
    expect(error.hint).toContain('http://localhost:8006');
    const plain = classifyFault(
      { kind: 'network', code: 'ENOTFOUND', message: 'x', phase: 'connect' },
      { ...http, url: 'http://api.example.invalid/x' },
    );
    expect(plain.explanation).toContain('api.example.invalid does not resolve');
    expect(plain.hint).not.toContain('alias');
  });

  it('a drop while the HTTP answer is read is a PROTOCOL_VIOLATION with the partial body', () => {
    const error = classifyFault({ kind: 'network', code: 'ECONNRESET', message: 'aborted', phase: 'answer', partial: '{"succ' }, http);
    expect(error.class).toBe('PROTOCOL_VIOLATION');
    expect(error.rawFrame).toBe('{"succ');
    expect(classOf({ kind: 'network', code: 'ECONNRESET', message: 'reset', phase: 'connect' })).toBe('CONNECTION_REFUSED');
  });

  it('TIMEOUT in both phases', () => {
    expect(classifyFault({ kind: 'timeout', timeoutMs: 500, phase: 'connect' }, http).explanation).toContain('No connection');
    expect(classifyFault({ kind: 'timeout', timeoutMs: 500, phase: 'answer' }, ws).explanation).toContain('500 ms');
  });

  it('HTTP_STATUS carries the status', () => {
    const error = classifyFault({ kind: 'http-status', status: 500, body: '{"detail":"Internal Server Error"}' }, http);
    expect(error).toMatchObject({ class: 'HTTP_STATUS', status: 500 });
    expect(classifyFault({ kind: 'http-status', status: 404, body: '' }, http).hint).toContain('httpChat');
  });

  it('WS_HANDSHAKE_FAILED with and without a status', () => {
    expect(classifyFault({ kind: 'ws-handshake', status: 404, message: 'HTTP 404', body: 'Not Found' }, ws)).toMatchObject({
      class: 'WS_HANDSHAKE_FAILED',
      status: 404,
    });
    expect(classOf({ kind: 'ws-handshake', message: 'Invalid Sec-WebSocket-Accept header' }, ws)).toBe('WS_HANDSHAKE_FAILED');
  });

  it.each(NAMED_CLOSE_CODES.filter((code) => code !== 1005).map((code) => [code]))('WS_CLOSED %i carries its close code name', (code) => {
    const error = classifyFault({ kind: 'ws-close', code, reason: '' }, ws);
    expect(error).toMatchObject({ class: 'WS_CLOSED', closeCode: code, closeName: closeCodeName(code) });
    expect(error.explanation).toContain(closeCodeName(code));
  });

  it('PROTOCOL_VIOLATION attaches the raw frame, capped at 2 KiB', () => {
    const error = classifyFault({ kind: 'protocol', problem: 'a frame that is not JSON', rawFrame: 'x'.repeat(5000) }, ws);
    expect(error.class).toBe('PROTOCOL_VIOLATION');
    expect(error.rawFrame?.length).toBe(2049);
  });

  it('AGENT_ERROR from an assistant_error or success:false', () => {
    expect(classifyFault({ kind: 'agent-error', content: 'The assistant failed' }, ws)).toMatchObject({
      class: 'AGENT_ERROR',
      detail: 'The assistant failed',
    });
  });

  it('SERVER_COMPONENT_MISSING from an assistant_error, a close reason, an HTTP body or a refused upgrade', () => {
    const faults: ChatFault[] = [
      { kind: 'agent-error', content: COMPONENT },
      { kind: 'ws-close', code: 1011, reason: COMPONENT },
      { kind: 'http-status', status: 500, body: JSON.stringify({ detail: COMPONENT }) },
      { kind: 'ws-handshake', status: 500, message: 'HTTP 500', body: COMPONENT },
    ];
    for (const fault of faults) {
      const error = classifyFault(fault, fault.kind === 'http-status' ? http : ws);
      expect(error.class).toBe('SERVER_COMPONENT_MISSING');
      expect(error.explanation).toContain('tool_dispatcher');
    }
    expect(classifyFault(faults[1] as ChatFault, ws)).toMatchObject({ closeCode: 1011, closeName: 'internal error' });
    expect(classifyFault(faults[2] as ChatFault, http)).toMatchObject({ status: 500 });
  });

  it('CIRCUIT_OPEN names the target and the last failure', () => {
    const error = classifyFault(
      { kind: 'circuit-open', target: 'http://localhost:8006', lastFailure: 'HTTP_STATUS', halfOpenAfterMs: 10_000 },
      http,
    );
    expect(error.class).toBe('CIRCUIT_OPEN');
    expect(error.explanation).toContain('http://localhost:8006');
    expect(error.explanation).toContain('HTTP_STATUS');
    expect(error.hint).toContain('10 s');
  });

  it('RUNTIME_TARGET_UNRESOLVABLE lists every attempt and keeps the resolver words', () => {
    const error = classifyFault({ kind: 'unresolvable', target: unresolvable }, http);
    expect(error.class).toBe('RUNTIME_TARGET_UNRESOLVABLE');
    expect(error.explanation).toContain('Name or service not known');
    expect(error.hint).toContain('docker alias');
    expect(error.detail?.split('\n')).toEqual([
      'dns http://orchestrator-service:8006 → ENOTFOUND Name or service not known (orchestrator-service)',
      'health http://localhost:8006 → ECONNREFUSED Connection refused (localhost:8006)',
    ]);
  });
});
