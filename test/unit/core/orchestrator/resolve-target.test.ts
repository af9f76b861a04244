import { describe, expect, it } from 'vitest';
import {
  resolveOrchestratorTarget,
  TARGET_INPUT_DEFAULTS,
  type TargetInput,
} from '../../../../src/main/core/orchestrator/resolve-target.ts';
import { orchestratorTargetSchema } from '../../../../src/shared/model/index.ts';
import { FakeNetwork } from './fake-network.ts';

const input = (over: Partial<TargetInput> = {}): TargetInput => ({
  configuredUrl: 'http://orchestrator-service:8006',
  configuredFrom: 'default',
  aliases: ['orchestrator-service'],
  ...TARGET_INPUT_DEFAULTS,
  ...over,
});

describe('resolveOrchestratorTarget', () => {
  it('keeps the configured URL when the host resolves and answers (any status)', async () => {
    const net = new FakeNetwork({
      resolves: { 'orchestrator-service': ['172.18.0.5'] },
      answers: { 'http://orchestrator-service:8006/health': 500 },
    });
    const target = orchestratorTargetSchema.parse(await resolveOrchestratorTarget(net, input()));
    expect(target).toMatchObject({ decision: 'as-configured', resolvedUrl: 'http://orchestrator-service:8006', hostIsAlias: true });
    expect(target.attempts.map((a) => a.step)).toEqual(['dns', 'health']);
    expect(target.reason).toBe(
      'orchestrator-service resolves (172.18.0.5) and http://orchestrator-service:8006/health answers (500 in 4 ms)',
    );
  });

  it('falls back to localhost, keeping the configured path, when an alias does not resolve', async () => {
    const net = new FakeNetwork({ resolves: {}, answers: { 'http://localhost:8006/api/health': 200 } });
    const target = await resolveOrchestratorTarget(
      net,
      input({ configuredUrl: 'http://orchestrator-service:8006/api', headers: { 'X-Correlation-ID': 'c1' } }),
    );
    expect(target).toMatchObject({ decision: 'localhost-fallback', resolvedUrl: 'http://localhost:8006/api' });
    expect(target.reason).toBe(
      'orchestrator-service is a docker alias that does not resolve from here (ENOTFOUND); http://localhost:8006/api answers (200 in 4 ms)',
    );
    expect(target.attempts.map((a) => [a.step, a.url])).toEqual([
      ['dns', 'http://orchestrator-service:8006/api'],
      ['health', 'http://localhost:8006/api'],
    ]);
    expect(net.calls).toContain('get http://localhost:8006/api/health [c1]');
  });

  it('shows the bare fallback origin without a trailing slash', async () => {
    const net = new FakeNetwork({ resolves: {}, answers: { 'http://localhost:8006/health': 200 } });
    expect((await resolveOrchestratorTarget(net, input())).resolvedUrl).toBe('http://localhost:8006');
  });

  it('is unresolvable when neither the alias nor the fallback works, listing every attempt', async () => {
    const net = new FakeNetwork({ resolves: {}, answers: {} });
    const target = await resolveOrchestratorTarget(net, input());
    expect(target).toMatchObject({ decision: 'unresolvable', resolvedUrl: null });
    expect(target.attempts.map((a) => `${a.step}:${a.result.error?.code}`)).toEqual(['dns:ENOTFOUND', 'health:ECONNREFUSED']);
    expect(target.reason).toContain('does not answer either (ECONNREFUSED)');
  });

  it('fails fast for a non-alias name that does not resolve, without trying the fallback', async () => {
    const net = new FakeNetwork({ resolves: {}, answers: { 'http://localhost:8006/health': 200 } });
    const target = await resolveOrchestratorTarget(net, input({ configuredUrl: 'https://orchestrator.example.com', aliases: [] }));
    expect(target).toMatchObject({ decision: 'unresolvable', hostIsAlias: false, resolvedUrl: null });
    expect(target.attempts.map((a) => a.step)).toEqual(['dns']);
    expect(net.calls).not.toContain('get http://localhost:8006/health');
    expect(target.reason).toContain('is not a docker alias');
  });

  it('treats a dotted name listed in aliases as an alias', async () => {
    const net = new FakeNetwork({ resolves: {}, answers: { 'http://localhost:8006/health': 204 } });
    const target = await resolveOrchestratorTarget(net, input({ configuredUrl: 'http://orch.internal:8006', aliases: ['orch.internal'] }));
    expect(target).toMatchObject({ decision: 'localhost-fallback', hostIsAlias: true });
  });

  it('treats any single-label name as an alias even when the stack does not define it', async () => {
    const net = new FakeNetwork({ resolves: {}, answers: { 'http://localhost:8006/health': 200 } });
    expect((await resolveOrchestratorTarget(net, input({ configuredUrl: 'http://backend:8006', aliases: [] }))).hostIsAlias).toBe(true);
  });

  it('is unresolvable when the host resolves but nothing answers, without a fallback', async () => {
    const net = new FakeNetwork({ resolves: { 'orchestrator-service': ['10.0.0.9'] }, answers: { 'http://localhost:8006/health': 200 } });
    const target = await resolveOrchestratorTarget(net, input());
    expect(target.decision).toBe('unresolvable');
    expect(target.reason).toBe(
      'orchestrator-service resolves (10.0.0.9) but http://orchestrator-service:8006/health does not answer (ECONNREFUSED)',
    );
    expect(target.attempts.map((a) => a.url)).toEqual(['http://orchestrator-service:8006', 'http://orchestrator-service:8006']);
  });

  it.each(['http://localhost:8006', 'http://127.0.0.1:8006', 'http://[::1]:8006'])('skips the lookup for %s', async (url) => {
    const net = new FakeNetwork({ resolves: {}, answers: { [`${url}/health`]: 200 } });
    const target = await resolveOrchestratorTarget(net, input({ configuredUrl: url }));
    expect(target).toMatchObject({ decision: 'as-configured', hostIsAlias: false, resolvedUrl: url });
    expect(target.attempts.map((a) => a.step)).toEqual(['health']);
    expect(net.calls.some((c) => c.startsWith('lookup'))).toBe(false);
  });

  it('uses the configured health path', async () => {
    const net = new FakeNetwork({
      resolves: { 'orchestrator-service': ['10.0.0.9'] },
      answers: { 'http://orchestrator-service:8006/healthz': 200 },
    });
    expect((await resolveOrchestratorTarget(net, input({ healthPath: '/healthz' }))).decision).toBe('as-configured');
  });

  it('reports a malformed configured URL as unresolvable with no attempts', async () => {
    const target = await resolveOrchestratorTarget(
      new FakeNetwork({ resolves: {}, answers: {} }),
      input({ configuredUrl: 'orchestrator-service:8006x' }),
    );
    expect(target).toMatchObject({ decision: 'unresolvable', attempts: [] });
    expect(target.reason).toContain('not a valid http(s) URL');
  });
});
