import { describe, expect, it } from 'vitest';
import { builtinChecks } from '../../../../src/main/core/checks/builtin-checks.ts';
import { diagnose } from '../../../../src/main/core/diagnosis/diagnose.ts';
import type { ResolvedDiagnoseOptions } from '../../../../src/main/core/diagnosis/diagnose-options.ts';
import { diagnosisSchema } from '../../../../src/shared/model/index.ts';
import { FakeEngine, FakeNet, MemoryWorkspace, deps } from '../diagnosis/fakes.ts';
import { container } from '../findings/builders.ts';
import { publishedHealthCheck } from './support/published-health.check.ts';

const COMPOSE = `services:
  api:
    image: busybox
    ports: ["127.0.0.1:8080:80"]
`;

const api = container({
  id: 'c-api',
  name: 'ws-api-1',
  labels: {
    'com.docker.compose.project': 'ws',
    'com.docker.compose.service': 'api',
    'com.docker.compose.project.working_dir': '/ws',
    'com.docker.compose.project.config_files': '/ws/compose.yaml',
  },
  networks: [{ name: 'ws_default', aliases: ['api'], ipAddress: '172.30.0.2' }],
  ports: [{ containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8080 }],
});

const options: ResolvedDiagnoseOptions = {
  workspace: '/ws',
  projects: [],
  timeoutMs: 200,
  timeoutExplicit: false,
  orchestratorUrl: 'http://127.0.0.1:8006',
  settingsOrchestratorUrl: null,
  env: {},
};

const degraded = { 'http http://127.0.0.1:8080/health': { detail: { status: 200, healthStatus: 'degraded' } } };

function run(net: FakeNet, checks?: ReturnType<typeof builtinChecks>) {
  const engine = new FakeEngine([api], [{ id: 'n1', name: 'ws_default', driver: 'bridge', hasDns: true, labels: {} }]);
  return diagnose(
    deps({ engine, net, workspace: new MemoryWorkspace({ '/ws/compose.yaml': COMPOSE }), ...(checks ? { checks } : {}) }),
    options,
  );
}

describe('the check registry', () => {
  it('runs a check added in one file plus its registration, and its finding reaches the report', async () => {
    const without = await run(new FakeNet(degraded));
    expect(without.findings.map((f) => f.id)).not.toContain('HEALTH_DEGRADED');

    const registry = builtinChecks();
    registry.register(publishedHealthCheck);
    const report = await run(new FakeNet(degraded), registry);

    expect(diagnosisSchema.parse(report)).toBeTruthy();
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        id: 'HEALTH_DEGRADED',
        subject: 'ws/api',
        summary: 'http://127.0.0.1:8080/health reports status "degraded"',
      }),
    );
    expect(report.verdict).toBe('degraded');
    const probes = report.services.find((s) => s.name === 'api')?.probes ?? [];
    expect(probes.map((p) => `${p.kind} ${p.target}`)).toEqual([
      'container ws-api-1',
      'tcp 127.0.0.1:8080',
      'http http://127.0.0.1:8080/health',
    ]);
  });

  it('lets a new check read the facts of a built-in one: no health finding on a port already reported closed', async () => {
    const registry = builtinChecks();
    registry.register(publishedHealthCheck);
    const report = await run(new FakeNet({ ...degraded, 'tcp 127.0.0.1:8080': { ok: false, code: 'ECONNREFUSED' } }), registry);
    expect(report.findings.map((f) => f.id)).toEqual(['PORT_CLOSED']);
    // It did run and saw the degraded body; it stayed silent because of the published-port check's facts.
    const health = report.services.find((s) => s.name === 'api')?.probes.find((p) => p.kind === 'http');
    expect(health?.detail).toMatchObject({ healthStatus: 'degraded' });
  });

  it('refuses a second check with the same id, and forgets a check whose registration is disposed', () => {
    const registry = builtinChecks();
    const ids = registry.list().map((c) => c.id);
    expect(ids).toEqual([
      'container-state',
      'host-dns',
      'host-tcp',
      'container-dns',
      'published-port',
      'http-health',
      'published-health',
      'ws-handshake',
      'protocol-health',
      'orchestrator-target',
    ]);
    const registration = registry.register(publishedHealthCheck);
    expect(() => registry.register(publishedHealthCheck)).toThrow(/clashes/);
    registration.dispose();
    expect(registry.list().map((c) => c.id)).toEqual(ids);
  });
});
