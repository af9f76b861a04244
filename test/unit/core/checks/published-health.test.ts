import { describe, expect, it } from 'vitest';
import type { ProtocolProbeResult } from '../../../../src/main/core/ports/wire-exchange.port.ts';
import { diagnose } from '../../../../src/main/core/diagnosis/diagnose.ts';
import type { ResolvedDiagnoseOptions } from '../../../../src/main/core/diagnosis/diagnose-options.ts';
import { diagnosisSchema, type Diagnosis } from '../../../../src/shared/model/index.ts';
import { FakeEngine, FakeNet, MemoryWorkspace, deps } from '../diagnosis/fakes.ts';
import { container } from '../findings/builders.ts';

/** FakeNet that can also sniff: the sniff's answer per host port (default: an HTTP 200). */
class SniffingNet extends FakeNet {
  readonly sniffed: number[] = [];

  constructor(
    private readonly sniffs: Record<number, Partial<ProtocolProbeResult>>,
    script: ConstructorParameters<typeof FakeNet>[0] = {},
  ) {
    super(script);
  }

  async sniff(host: string, port: number): Promise<ProtocolProbeResult> {
    this.sniffed.push(port);
    return {
      kind: 'sniff',
      target: `${host}:${port}`,
      from: 'host',
      ok: true,
      latencyMs: 1,
      detail: { speaks: 'http', http: true, status: 200 },
      ...this.sniffs[port],
    };
  }
}

const compose = (healthcheck = ''): string => `services:\n  api:\n    image: busybox\n${healthcheck}`;

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
  ports: [
    { containerPort: 8080, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 18080 },
    { containerPort: 5432, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 15432 },
  ],
});

const options: ResolvedDiagnoseOptions = {
  workspace: '/ws',
  projects: [],
  timeoutMs: 200,
  timeoutExplicit: false,
  orchestratorUrl: null,
  settingsOrchestratorUrl: null,
  env: {},
};

async function run(net: FakeNet, files: Record<string, string> = { '/ws/compose.yaml': compose() }): Promise<Diagnosis> {
  const engine = new FakeEngine([api], [{ id: 'n1', name: 'ws_default', driver: 'bridge', hasDns: true, labels: {} }]);
  return diagnosisSchema.parse(await diagnose(deps({ engine, net, workspace: new MemoryWorkspace(files) }), options));
}

const ids = (d: Diagnosis): string[] => d.findings.map((f) => f.id);
const httpTargets = (d: Diagnosis): string[] => d.services[0]!.probes.filter((p) => p.kind === 'http').map((p) => p.target);
const HEALTH = 'http http://127.0.0.1:18080/health';

describe('published-health: health of published ports without configuration', () => {
  it('a healthy /health: zero findings, the probe shown; a database port is not asked; no orchestrator, no finding', async () => {
    const net = new SniffingNet({});
    const d = await run(net);
    expect(d.findings).toEqual([]);
    expect(httpTargets(d)).toEqual(['http://127.0.0.1:18080/health']);
    expect(net.sniffed).toEqual([18080]);
    expect(d.orchestrator).toMatchObject({ present: false, decision: 'not-checked', attempts: [] });
  });

  it('a degraded body is HEALTH_DEGRADED, a 503 is HTTP_HEALTH_FAILED, both saying no configuration was needed', async () => {
    const degraded = await run(new SniffingNet({}, { [HEALTH]: { detail: { status: 200, healthStatus: 'degraded' } } }));
    expect(ids(degraded)).toEqual(['HEALTH_DEGRADED']);
    expect(degraded.findings[0]?.cause).toContain('Found without configuration');
    const failing = await run(new SniffingNet({}, { [HEALTH]: { ok: false, code: 'HTTP_503', detail: { status: 503 } } }));
    expect(ids(failing)).toEqual(['HTTP_HEALTH_FAILED']);
  });

  it('an HTTP port that accepts and never answers is HTTP_HEALTH_FAILED with TIMEOUT', async () => {
    const hang = { ok: false, error: { code: 'TIMEOUT', message: 'no answer' }, detail: { connected: true } };
    const d = await run(new SniffingNet({ 18080: hang }));
    expect(ids(d)).toEqual(['HTTP_HEALTH_FAILED']);
    expect(d.findings[0]?.evidence[0]).toMatchObject({ kind: 'http', error: { code: 'TIMEOUT' } });
  });

  it('leaves alone a port that speaks something else, one that drops, a 404, a 401', async () => {
    for (const sniff of [
      { detail: { speaks: 'redis', http: false } },
      { ok: false, error: { code: 'PEER_CLOSED', message: 'closed' }, detail: { connected: true } },
      { detail: { speaks: 'http', http: true, status: 404 } },
    ]) {
      const d = await run(new SniffingNet({ 18080: sniff }));
      expect(ids(d).filter((id) => id !== 'PORT_CLOSED')).toEqual([]);
      expect(httpTargets(d)).toEqual([]);
    }
    const auth = await run(new SniffingNet({}, { [HEALTH]: { ok: false, code: 'HTTP_401', detail: { status: 401 } } }));
    expect(auth.findings).toEqual([]);
  });

  it('after a 404 at /health, asks the path the compose healthcheck names on that port', async () => {
    const files = { '/ws/compose.yaml': compose('    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8080/healthz"]\n') };
    const net = new SniffingNet(
      { 18080: { detail: { speaks: 'http', http: true, status: 404 } } },
      { 'http http://127.0.0.1:18080/healthz': { detail: { status: 200, healthStatus: 'unhealthy' } } },
    );
    const d = await run(net, files);
    expect(d.findings.map((f) => [f.id, f.severity, f.summary])).toEqual([
      ['HEALTH_DEGRADED', 'error', 'http://127.0.0.1:18080/healthz reports status "unhealthy"'],
    ]);
  });

  it('a configured health URL wins: the published ports of that service are not sniffed', async () => {
    const net = new SniffingNet({});
    const d = await run(net, {
      '/ws/compose.yaml': compose(),
      '/ws/stack-doctor.yaml': 'services:\n  api:\n    health: http://127.0.0.1:18080/ready\n',
    });
    expect(net.sniffed).toEqual([]);
    expect(httpTargets(d)).toEqual(['http://127.0.0.1:18080/ready']);
  });

  it('a network port that cannot sniff gets no unconfigured probe', async () => {
    const d = await run(new FakeNet({ [HEALTH]: { ok: false, code: 'HTTP_503' } }));
    expect(d.findings).toEqual([]);
    expect(httpTargets(d)).toEqual([]);
  });
});
