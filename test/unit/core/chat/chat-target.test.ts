import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../../../src/shared/model/index.ts';
import { ChatInputError } from '../../../../src/main/core/chat/chat-input-error.ts';
import { decideChatTarget, type ChatSetup } from '../../../../src/main/core/chat/chat-target.ts';
import type { NetworkProbePort } from '../../../../src/main/core/ports/network-probe.port.ts';

/** A fake network: names in `resolves` resolve, URLs in `answers` answer 200, everything else fails. */
function fakeNet(resolves: string[], answers: string[], seen: string[] = []): NetworkProbePort {
  const fail = (kind: ProbeResult['kind'], target: string, code: string): ProbeResult => ({
    kind,
    target,
    from: 'host',
    ok: false,
    latencyMs: 1,
    error: { code, message: code === 'ENOTFOUND' ? `Name or service not known (${target})` : 'Connection refused' },
  });
  return {
    lookup: async (host) =>
      resolves.includes(host)
        ? { kind: 'dns-host', target: host, from: 'host', ok: true, latencyMs: 1, detail: { addresses: ['10.0.0.2'] } }
        : fail('dns-host', host, 'ENOTFOUND'),
    tcpConnect: async (host, port) => fail('tcp', `${host}:${port}`, 'ECONNREFUSED'),
    httpGet: async (url, _timeout, headers) => {
      seen.push(`${url} ${headers?.['X-Correlation-ID'] ?? ''}`);
      return answers.includes(url)
        ? { kind: 'http', target: url, from: 'host', ok: true, latencyMs: 1, detail: { status: 200 } }
        : fail('http', url, 'ECONNREFUSED');
    },
    wsHandshake: async (url) => fail('ws', url, 'ECONNREFUSED'),
  };
}

const setup = (configuredUrl: string): ChatSetup => ({
  target: {
    configuredUrl,
    configuredFrom: 'default',
    fallbackUrl: 'http://localhost:8006',
    aliases: [],
    healthPath: '/health',
    timeoutMs: 100,
  },
});

describe('decideChatTarget', () => {
  it('as-configured when the alias resolves and answers; health GETs carry the correlation id', async () => {
    const seen: string[] = [];
    const step = await decideChatTarget(
      fakeNet(['orchestrator-service'], ['http://orchestrator-service:8006/health'], seen),
      setup('http://orchestrator-service:8006'),
      { transport: 'ws' },
      'c1',
    );
    expect(step).toMatchObject({
      ok: true,
      event: { type: 'target', decision: 'as-configured', url: 'http://orchestrator-service:8006', pinned: false, correlationId: 'c1' },
    });
    expect(seen).toContain('http://orchestrator-service:8006/health c1');
  });

  it('localhost-fallback when the alias does not resolve and the fallback answers', async () => {
    const step = await decideChatTarget(
      fakeNet([], ['http://localhost:8006/health']),
      setup('http://orchestrator-service:8006'),
      { transport: 'http' },
      'c1',
    );
    expect(step.ok).toBe(true);
    if (step.ok) expect(step.base?.toString()).toBe('http://localhost:8006/');
    expect(step.event.decision).toBe('localhost-fallback');
  });

  it('RUNTIME_TARGET_UNRESOLVABLE with every attempt when neither answers', async () => {
    const step = await decideChatTarget(fakeNet([], []), setup('http://orchestrator-service:8006'), { transport: 'ws' }, 'c1');
    expect(step.ok).toBe(false);
    if (step.ok) return;
    expect(step.event).toMatchObject({ decision: 'unresolvable', url: 'http://orchestrator-service:8006' });
    expect(step.error.class).toBe('RUNTIME_TARGET_UNRESOLVABLE');
    expect(step.error.detail?.split('\n')).toHaveLength(2);
  });

  it('a non-alias name that does not resolve fails fast, without trying the fallback', async () => {
    const seen: string[] = [];
    const step = await decideChatTarget(
      fakeNet([], ['http://localhost:8006/health'], seen),
      setup('http://orchestrator.example.invalid:8006'),
      { transport: 'ws' },
      'c1',
    );
    expect(step.ok).toBe(false);
    if (!step.ok) expect(step.error.hint).toContain('not a docker alias');
    expect(seen.some((line) => line.startsWith('http://localhost'))).toBe(false);
  });

  it('a pinned target bypasses resolution entirely', async () => {
    const seen: string[] = [];
    const step = await decideChatTarget(
      fakeNet([], [], seen),
      setup('http://orchestrator-service:8006'),
      { transport: 'ws', pinnedTarget: 'ws://127.0.0.1:9/' },
      'c1',
    );
    expect(step).toMatchObject({ ok: true, event: { decision: 'pinned', pinned: true, url: 'ws://127.0.0.1:9/' } });
    if (step.ok) expect(step.base?.protocol).toBe('http:');
    expect(seen).toEqual([]);
  });

  it('rejects pinned targets it cannot use', async () => {
    const net = fakeNet([], []);
    await expect(decideChatTarget(net, setup('http://x:1'), { transport: 'raw', pinnedTarget: 'ftp://h/x' }, 'c')).rejects.toBeInstanceOf(
      ChatInputError,
    );
    await expect(decideChatTarget(net, setup('http://x:1'), { transport: 'ws', pinnedTarget: 'nonsense' }, 'c')).rejects.toBeInstanceOf(
      ChatInputError,
    );
  });
});
