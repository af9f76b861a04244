import type { ContainerInfo, Diagnosis, Finding, FindingId, RepairAction, ServiceReport } from '../../../../../src/shared/model/index.ts';
import { runningContainer } from '../../../support/container-info.ts';

/** A compose service of project `shop` with a container (or none), on `shop_default` unless told. */
export function service(
  name: string,
  container: Partial<ContainerInfo> | null,
  over: Partial<Omit<ServiceReport, 'container'>> = {},
): ServiceReport {
  return {
    name,
    project: 'shop',
    role: 'service',
    dependsOn: [],
    probes: [],
    ...over,
    container:
      container === null
        ? null
        : runningContainer({
            id: `id-${name}`,
            name: `shop-${name}-1`,
            labels: { 'com.docker.compose.project': over.project ?? 'shop', 'com.docker.compose.service': name },
            networks: [{ name: 'shop_default', aliases: [name], ipAddress: '172.20.0.2' }],
            ...container,
          }),
  };
}

/** A finding with the given action, as the rules shape it (the fix text says what to do). */
export function finding(id: FindingId, subject: string, action?: RepairAction, over: Partial<Finding> = {}): Finding {
  return {
    id,
    severity: 'error',
    subject,
    summary: `${id} about ${subject}`,
    cause: 'because',
    evidence: [],
    fix: { description: `fix ${subject}`, ...(action ? { action } : {}) },
    ...over,
  };
}

export const start = (container: string): RepairAction => ({ kind: 'start-container', params: { container } });
export const restart = (container: string): RepairAction => ({ kind: 'restart-container', params: { container } });
export const connect = (network: string, container: string, alias?: string): RepairAction => ({
  kind: 'network-connect',
  params: { network, container, ...(alias ? { alias } : {}) },
});

/** A diagnosis of the workspace `/ws` holding project `shop` (compose file /ws/compose.yaml). */
export function diagnosisOf(services: ServiceReport[], findings: Finding[], over: Partial<Diagnosis> = {}): Diagnosis {
  return {
    verdict: findings.some((f) => f.severity === 'error') ? 'unhealthy' : findings.length > 0 ? 'degraded' : 'healthy',
    checkedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 20,
    correlationId: 'diag-1',
    workspace: '/ws',
    runtime: { kind: 'host', signals: [], hostname: 'laptop' },
    engine: {
      ok: true,
      endpoint: 'unix:///var/run/docker.sock',
      probe: { kind: 'engine', target: 'engine', from: 'host', ok: true, latencyMs: 1 },
    },
    orchestrator: {
      configuredUrl: 'http://orchestrator-service:8006',
      configuredFrom: 'default',
      resolvedUrl: 'http://localhost:8006',
      decision: 'localhost-fallback',
      reason: 'fallback',
      hostIsAlias: true,
      attempts: [],
    },
    projects: [
      {
        name: 'shop',
        kind: 'compose',
        files: ['/ws/compose.yaml'],
        networks: ['shop_default', 'shop_backend'],
        containersUp: 0,
        containersTotal: 0,
        targets: [],
      },
    ],
    services,
    findings,
    otherProjects: [],
    ...over,
  };
}
