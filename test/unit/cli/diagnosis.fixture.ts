import type { Diagnosis, Finding, ProbeResult } from '../../../src/shared/model/index.ts';

const probe = (over: Partial<ProbeResult> = {}): ProbeResult => ({
  kind: 'dns-container',
  target: 'orchestrator-service',
  from: 'shop-dev-1',
  ok: false,
  latencyMs: 12,
  error: { code: 'ENOTFOUND', message: "nslookup: can't resolve" },
  ...over,
});

export const dnsFinding: Finding = {
  id: 'DNS_UNRESOLVABLE_FROM_CONTAINER',
  severity: 'error',
  subject: 'devcontainer',
  summary: 'orchestrator-service does not resolve inside devcontainer',
  cause: 'devcontainer is not on network orch_backend where orchestrator-service lives',
  evidence: [probe()],
  fix: {
    description: 'Connect the devcontainer to orch_backend.',
    command: 'docker network connect orch_backend shop-dev-1',
    lasting: 'Add orch_backend as an external network of the devcontainer service in compose.yaml.',
    action: { kind: 'network-connect', params: { network: 'orch_backend', container: 'shop-dev-1' } },
  },
};

export const fallbackFinding: Finding = {
  id: 'ORCHESTRATOR_LOCALHOST_FALLBACK',
  severity: 'warning',
  subject: 'http://orchestrator-service:8006',
  summary: 'Using http://localhost:8006',
  cause: 'The alias does not resolve from the host.',
  evidence: [],
  fix: { description: 'Nothing to do on the host.' },
};

export const infoFinding: Finding = {
  id: 'HEALTH_DEGRADED',
  severity: 'info',
  subject: 'api',
  summary: 'api reports degraded',
  cause: 'The health body says degraded.',
  evidence: [],
  fix: { description: 'Look at the api logs.' },
};

export function diagnosisFixture(over: Partial<Diagnosis> = {}): Diagnosis {
  return {
    verdict: 'unhealthy',
    checkedAt: '2025-01-01T00:00:00.000Z',
    durationMs: 412.4,
    correlationId: 'corr-1',
    workspace: '/work/shop',
    runtime: { kind: 'host', signals: [], hostname: 'laptop' },
    engine: {
      ok: true,
      endpoint: 'unix:///var/run/docker.sock',
      version: '26.1.5',
      probe: probe({ kind: 'engine', ok: true, error: undefined }),
    },
    orchestrator: {
      configuredUrl: 'http://orchestrator-service:8006',
      configuredFrom: 'default',
      resolvedUrl: 'http://localhost:8006',
      decision: 'localhost-fallback',
      reason: 'orchestrator-service does not resolve here; http://localhost:8006 answers',
      hostIsAlias: true,
      attempts: [],
    },
    projects: [
      {
        name: 'shop',
        kind: 'compose',
        files: ['compose.yaml'],
        networks: ['shop_default'],
        containersUp: 1,
        containersTotal: 2,
        targets: [
          {
            consumer: 'devcontainer',
            url: 'http://orchestrator-service:8006',
            host: 'orchestrator-service',
            port: 8006,
            source: 'env:ORCHESTRATOR_SERVICE_URL',
            fromContainer: { resolves: false, answers: false, basis: 'topology+lookup', note: "nslookup: can't resolve" },
            fromHost: { resolves: false, answers: null, basis: 'probe', note: 'ENOTFOUND' },
          },
        ],
      },
    ],
    services: [],
    // Deliberately not worst-first: the report must sort.
    findings: [infoFinding, fallbackFinding, dnsFinding],
    otherProjects: [],
    ...over,
  };
}
