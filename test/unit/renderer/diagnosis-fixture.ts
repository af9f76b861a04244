import { diagnosisSchema, type Diagnosis, type Finding, type Severity } from '../../../src/shared/model/index.ts';

/** A schema-valid finding; `over` replaces any field. */
export function finding(over: Partial<Finding> & { severity?: Severity } = {}): Finding {
  return {
    id: 'PORT_CLOSED',
    severity: 'error',
    subject: 'api',
    summary: 'api: port 8080 is closed',
    cause: 'Nothing listens on 127.0.0.1:8080.',
    evidence: [
      { kind: 'tcp', target: '127.0.0.1:8080', from: 'host', ok: false, latencyMs: 2, error: { code: 'ECONNREFUSED', message: 'refused' } },
    ],
    fix: { description: 'Start the api container.', command: 'docker start shop-api-1' },
    ...over,
  };
}

/** A schema-valid diagnosis (parsed, so a fixture that drifts from the schema fails loudly). */
export function diagnosis(over: Partial<Diagnosis> = {}): Diagnosis {
  return diagnosisSchema.parse({
    verdict: 'healthy',
    checkedAt: '2025-01-01T10:00:00.000Z',
    durationMs: 120,
    correlationId: 'c-1',
    workspace: '/work/shop',
    runtime: { kind: 'host', signals: [], hostname: 'devbox' },
    engine: {
      ok: true,
      endpoint: 'unix:///var/run/docker.sock',
      version: '26.1.5',
      probe: { kind: 'engine', target: 'unix:///var/run/docker.sock', from: 'host', ok: true, latencyMs: 3 },
    },
    orchestrator: {
      configuredUrl: 'http://orchestrator-service:8006',
      configuredFrom: 'default',
      resolvedUrl: 'http://localhost:8006',
      decision: 'localhost-fallback',
      reason: 'orchestrator-service is a docker alias that does not resolve from the host; localhost:8006 answers.',
      hostIsAlias: true,
      attempts: [],
    },
    projects: [],
    services: [],
    findings: [],
    otherProjects: [],
    ...over,
  });
}
