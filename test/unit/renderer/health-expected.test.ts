import { describe, expect, it } from 'vitest';
import {
  classifyAttempt,
  classifyHostReach,
  classifyProbe,
  hostExpectations,
  hostOf,
} from '../../../src/renderer/src/features/health/host-expectation.ts';
import type { MatrixProject, ProbeResult, ServiceReport } from '../../../src/shared/model/index.ts';
import { scaleDiagnosis } from '../../fixtures/diagnoses/scale-diagnosis.ts';
import { diagnosis } from './diagnosis-fixture.ts';

const failed = (kind: ProbeResult['kind'], target: string, code = 'ENOTFOUND', from = 'host'): ProbeResult => ({
  kind,
  target,
  from,
  ok: false,
  latencyMs: 1,
  error: { code, message: code },
});

const api: ServiceReport = {
  name: 'api',
  project: 'shop',
  role: 'service',
  dependsOn: [],
  container: {
    id: 'a',
    name: 'shop-api-1',
    image: 'x',
    state: 'running',
    status: 'Up',
    exitCode: 0,
    restartCount: 0,
    health: 'none',
    labels: {},
    envTargets: [],
    networks: [{ name: 'shop_default', aliases: ['api', 'backend'], ipAddress: '172.20.0.2' }],
    ports: [],
  },
  // `backend` did not resolve from the host; `api` did (say, through /etc/hosts).
  probes: [failed('dns-host', 'backend'), { kind: 'dns-host', target: 'api', from: 'host', ok: true, latencyMs: 1 }],
};

/** A matrix that marks `queue` (an alias only the configuration lists) as expected from the host. */
const project: MatrixProject = {
  name: 'shop',
  kind: 'compose',
  files: [],
  networks: [],
  containersUp: 1,
  containersTotal: 1,
  targets: [
    {
      url: 'amqp://queue:5672',
      host: 'queue',
      port: 5672,
      source: 'env:QUEUE_URL',
      consumer: 'api',
      fromContainer: { resolves: true, answers: true, basis: 'lookup', note: '' },
      fromHost: { resolves: false, answers: false, basis: 'probe', note: 'ENOTFOUND (docker alias: expected from the host)' },
    },
  ],
};

describe('host expectations', () => {
  const expectations = hostExpectations(diagnosis({ services: [api], projects: [project] }));

  it('knows the docker names of the diagnosis: services, containers, network aliases, marked hosts, the orchestrator alias', () => {
    expect([...expectations.dockerNames].sort()).toEqual(['api', 'backend', 'orchestrator-service', 'queue', 'shop-api-1']);
    expect([...expectations.unresolvedFromHost].sort()).toEqual(['backend', 'queue']);
  });

  it('a docker alias that does not resolve from the host is expected, with the reason', () => {
    expect(classifyProbe(failed('dns-host', 'backend'), expectations)).toEqual({
      status: 'expected',
      reason: "backend is a docker alias: only containers on the stack's networks can resolve it, not the host",
    });
    expect(classifyProbe(failed('dns-host', 'queue', 'EAI_AGAIN'), expectations).status).toBe('expected');
    expect(classifyProbe(failed('tcp', 'backend:8080'), expectations).status).toBe('expected');
  });

  it('a real host name, a lookup inside a container, a refused connect to a resolving alias, HTTP: failures', () => {
    expect(classifyProbe(failed('dns-host', 'payments.example.com'), expectations).status).toBe('failed');
    expect(classifyProbe(failed('dns-container', 'backend', 'NXDOMAIN', 'shop-web-1'), expectations).status).toBe('failed');
    expect(classifyProbe(failed('tcp', 'api:8080', 'ECONNREFUSED'), expectations).status).toBe('failed');
    expect(classifyProbe(failed('tcp', '127.0.0.1:8080', 'ECONNREFUSED'), expectations).status).toBe('failed');
    expect(classifyProbe(failed('http', 'http://backend:8080/health'), expectations).status).toBe('failed');
    expect(classifyProbe({ ...failed('dns-host', 'backend'), ok: true }, expectations).status).toBe('ok');
  });

  it('classifies the matrix host cell and the orchestrator attempts alike', () => {
    expect(classifyHostReach(project.targets[0]!, expectations).status).toBe('expected');
    const realHost = { host: 'db.example.com', fromHost: { resolves: false, answers: false, basis: 'probe' as const, note: 'ENOTFOUND' } };
    expect(classifyHostReach(realHost, expectations).status).toBe('failed');
    const refused = { host: 'api', fromHost: { resolves: true, answers: false, basis: 'probe' as const, note: 'connect ECONNREFUSED' } };
    expect(classifyHostReach(refused, expectations).status).toBe('failed');
    expect(classifyHostReach({ ...refused, fromHost: { ...refused.fromHost, answers: true } }, expectations).status).toBe('ok');

    const dns = { url: 'http://orchestrator-service:8006', step: 'dns' as const, result: failed('dns-host', 'orchestrator-service') };
    expect(classifyAttempt(dns, expectations).status).toBe('expected');
    expect(classifyAttempt({ ...dns, step: 'health' }, expectations).status).toBe('failed');
    expect(classifyAttempt({ ...dns, url: 'http://localhost:8006' }, expectations).status).toBe('failed');
  });

  it('marks every alias result of a 200-service diagnosis expected, and the two real failures failed', () => {
    const d = scaleDiagnosis();
    const big = hostExpectations(d);
    const statuses = new Map<string, number>();
    for (const service of d.services)
      for (const probe of service.probes.filter((p) => p.from === 'host' && !p.ok)) {
        const key = `${probe.kind}:${classifyProbe(probe, big).status}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
      }
    // 199 services call one alias each (dns + tcp); svc-missing is defined nowhere, the example host is real.
    expect(Object.fromEntries(statuses)).toEqual({
      'dns-host:expected': 198,
      'tcp:expected': 198,
      'dns-host:failed': 2,
      'tcp:failed': 1,
      'http:failed': 1,
    });
  });

  it('reads hosts out of probe targets', () => {
    expect(['api:80', '[::1]:8080', 'http://user@backend:9000/x', 'backend', '::1'].map(hostOf)).toEqual([
      'api',
      '::1',
      'backend',
      'backend',
      '::1',
    ]);
  });
});
