import { describe, expect, it } from 'vitest';
import type { ChatError } from '../../../../src/shared/model/index.ts';
import { breakerKey, countsAgainstBreaker } from '../../../../src/main/core/chat/breaker-rules.ts';
import type { ChatOutcome } from '../../../../src/main/core/chat/chat-outcome.ts';
import { chatPathsOf, httpBase, httpChatUrl, rawKind, wsChatUrl } from '../../../../src/main/core/chat/chat-urls.ts';
import { comparePaths } from '../../../../src/main/core/chat/compare-paths.ts';

const error = (cls: ChatError['class'], extra: Partial<ChatError> = {}): ChatError => ({
  class: cls,
  explanation: 'e',
  hint: 'h',
  correlationId: 'c',
  ...extra,
});

describe('countsAgainstBreaker', () => {
  it('counts failures that say the target is down or broken', () => {
    for (const cls of [
      'DNS_NOT_FOUND',
      'CONNECTION_REFUSED',
      'TIMEOUT',
      'TLS_ERROR',
      'WS_CLOSED',
      'PROTOCOL_VIOLATION',
      'SERVER_COMPONENT_MISSING',
    ] as const) {
      expect(countsAgainstBreaker(error(cls))).toBe(true);
    }
    expect(countsAgainstBreaker(error('HTTP_STATUS', { status: 503 }))).toBe(true);
    expect(countsAgainstBreaker(error('HTTP_STATUS', { status: 429 }))).toBe(true);
    expect(countsAgainstBreaker(error('WS_HANDSHAKE_FAILED'))).toBe(true);
  });
  it('does not count agent errors, wrong paths, or failures where nothing was sent', () => {
    for (const cls of ['AGENT_ERROR', 'CIRCUIT_OPEN', 'RUNTIME_TARGET_UNRESOLVABLE'] as const)
      expect(countsAgainstBreaker(error(cls))).toBe(false);
    expect(countsAgainstBreaker(error('HTTP_STATUS', { status: 404 }))).toBe(false);
    expect(countsAgainstBreaker(error('WS_HANDSHAKE_FAILED', { status: 404 }))).toBe(false);
  });
  it('keys breakers by origin, ws and http alike', () => {
    expect(breakerKey('ws://localhost:8006/chat/ws/a/b')).toBe('http://localhost:8006');
    expect(breakerKey('http://localhost:8006/api/chat')).toBe('http://localhost:8006');
    expect(breakerKey('wss://h/x')).toBe('https://h');
  });
});

describe('chat URLs', () => {
  it('builds the profile URLs from a base, with configured paths', () => {
    const base = httpBase('http://localhost:8006') as URL;
    expect(httpChatUrl(base, chatPathsOf(undefined))).toBe('http://localhost:8006/api/chat');
    expect(wsChatUrl(base, chatPathsOf(undefined), 'client 1', 's/2')).toBe('ws://localhost:8006/chat/ws/client%201/s%2F2');
    const prefixed = httpBase('wss://gw.example/orch/') as URL;
    expect(wsChatUrl(prefixed, chatPathsOf({ paths: { ws: '/ws/{session_id}' } }), 'c', 's')).toBe('wss://gw.example/orch/ws/s');
    expect(httpBase('ftp://x')).toBeNull();
    expect(rawKind('wss://x')).toBe('ws');
    expect(rawKind('https://x')).toBe('http');
    expect(rawKind('mailto:x')).toBeNull();
  });
});

describe('comparePaths', () => {
  const ok = (transport: 'ws' | 'http', response: string): ChatOutcome => ({
    ok: true,
    correlationId: transport,
    transport,
    url: 'u',
    response,
    firstTokenMs: 1,
    totalMs: 2,
  });
  const failed = (transport: 'ws' | 'http', cls: ChatError['class']): ChatOutcome => ({
    ok: false,
    correlationId: transport,
    transport,
    url: 'u',
    error: error(cls),
    totalMs: 2,
  });
  it('agrees when both answer the same text, whitespace aside', () => {
    expect(comparePaths(ok('ws', 'Hello  world'), ok('http', 'Hello world\n'))).toMatchObject({ bothAnswered: true, agree: true });
  });
  it('reports answers that differ and paths that fail', () => {
    expect(comparePaths(ok('ws', 'a'), ok('http', 'b'))).toMatchObject({ bothAnswered: true, agree: false });
    expect(comparePaths(failed('ws', 'WS_HANDSHAKE_FAILED'), ok('http', 'b')).summary).toBe(
      'HTTP answered; WS failed with WS_HANDSHAKE_FAILED.',
    );
    expect(comparePaths(ok('ws', 'a'), failed('http', 'HTTP_STATUS')).summary).toBe('WS answered; HTTP failed with HTTP_STATUS.');
    expect(comparePaths(failed('ws', 'TIMEOUT'), failed('http', 'TIMEOUT'))).toMatchObject({ bothAnswered: false, agree: false });
  });
});
