import type {
  ContainerInfo,
  DependencyTarget,
  EngineReport,
  OrchestratorTarget,
  ProbeResult,
  Runtime,
  Stack,
  StackService,
} from '../../../../src/shared/model/index.ts';
import { runningContainer } from '../../support/container-info.ts';
import type { ProbeFacts } from '../../../../src/main/core/diagnosis/probe-facts.ts';

export function container(over: Partial<ContainerInfo> & { name: string; env?: Record<string, string> }): ContainerInfo {
  return runningContainer({ id: `id-${over.name}`, status: 'Up 5 minutes', ...over });
}

export function target(url: string, source = 'env:URL'): DependencyTarget {
  const u = new URL(url);
  return { url, host: u.hostname, port: Number(u.port || 80), source };
}

export function service(over: Partial<StackService> & { name: string }): StackService {
  return {
    project: 'shop',
    role: 'service',
    declared: true,
    container: null,
    dependsOn: [],
    targets: [],
    ...over,
  };
}

export function probe(over: Partial<ProbeResult> & Pick<ProbeResult, 'kind' | 'target'>): ProbeResult {
  return { from: 'host', ok: true, latencyMs: 1, ...over };
}

export function failed(kind: ProbeResult['kind'], targetName: string, code: string, detail?: Record<string, unknown>): ProbeResult {
  return probe({ kind, target: targetName, ok: false, error: { code, message: `${code} ${targetName}` }, ...(detail ? { detail } : {}) });
}

export const hostRuntime: Runtime = { kind: 'host', signals: [], hostname: 'laptop' };

export function okEngine(): EngineReport {
  return {
    ok: true,
    endpoint: 'unix:///var/run/docker.sock',
    version: '26.1',
    probe: probe({ kind: 'engine', target: 'unix:///var/run/docker.sock' }),
  };
}

export function asConfigured(url = 'http://orchestrator-service:8006'): OrchestratorTarget {
  return {
    configuredUrl: url,
    configuredFrom: 'default',
    resolvedUrl: url,
    decision: 'as-configured',
    reason: 'answers',
    hostIsAlias: true,
    attempts: [],
  };
}

export function emptyFacts(over: Partial<ProbeFacts> = {}): ProbeFacts {
  return {
    hostDns: new Map(),
    hostTcp: new Map(),
    containerDns: [],
    ports: [],
    health: [],
    ws: [],
    orchestrator: asConfigured(),
    ...over,
  };
}

export function stackOf(services: StackService[], aliases: string[] = []): Stack {
  return {
    workspace: '/ws',
    projects: [{ name: 'shop', kind: 'compose', files: ['/ws/compose.yaml'], networks: ['shop_default'] }],
    services,
    aliases,
  };
}
