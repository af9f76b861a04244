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
import { builtinChecks } from '../../../../src/main/core/checks/builtin-checks.ts';
import type { CheckScope } from '../../../../src/main/core/checks/check.ts';
import {
  containerDnsFacts,
  hostDnsFacts,
  hostTcpFacts,
  httpHealthFacts,
  orchestratorTargetFacts,
  publishedPortFacts,
  wsHandshakeFacts,
  type ContainerDnsFact,
  type PortFact,
  type UrlFact,
} from '../../../../src/main/core/checks/check-facts.ts';
import { FactStore } from '../../../../src/main/core/checks/fact-store.ts';
import type { FindingInput } from '../../../../src/main/core/findings/collect-findings.ts';

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

/** The facts of one run, given the way a test thinks of them; every built-in check counts as having run. */
export interface TestFacts {
  hostDns: Map<string, ProbeResult>;
  hostTcp: Map<string, ProbeResult>;
  containerDns: ContainerDnsFact[];
  ports: PortFact[];
  health: UrlFact[];
  ws: UrlFact[];
  orchestrator: OrchestratorTarget;
}

export function emptyFacts(over: Partial<TestFacts> = {}): FactStore {
  const facts: TestFacts = {
    hostDns: new Map(),
    hostTcp: new Map(),
    containerDns: [],
    ports: [],
    health: [],
    ws: [],
    orchestrator: asConfigured(),
    ...over,
  };
  const store = new FactStore();
  store.set(
    hostDnsFacts,
    [...facts.hostDns].map(([host, probe]) => ({ host, probe })),
  );
  store.set(
    hostTcpFacts,
    [...facts.hostTcp].map(([key, probe]) => {
      const at = key.lastIndexOf(':');
      return { host: key.slice(0, at), port: Number(key.slice(at + 1)), probe };
    }),
  );
  store.set(containerDnsFacts, facts.containerDns);
  store.set(publishedPortFacts, facts.ports);
  store.set(httpHealthFacts, facts.health);
  store.set(wsHandshakeFacts, facts.ws);
  store.set(orchestratorTargetFacts, [facts.orchestrator]);
  return store;
}

/** What collectFindings needs, from the pieces a test names: the built-in checks over `facts`. */
export function findingInput(input: {
  stack: Stack;
  engine: EngineReport;
  runtime: Runtime;
  facts: FactStore;
  otherProjects: FindingInput['otherProjects'];
}): FindingInput {
  const scope: CheckScope = {
    stack: input.stack,
    services: input.stack.services,
    config: {},
    engine: input.engine,
    runtime: input.runtime,
    containers: input.engine.ok ? input.stack.services.flatMap((s) => (s.container ? [s.container] : [])) : null,
    networks: [],
    timeoutMs: 1500,
    timeoutOf: () => 1500,
    orchestrator: {
      configuredUrl: input.facts.get(orchestratorTargetFacts)[0]?.configuredUrl ?? 'http://orchestrator-service:8006',
      configuredFrom: 'default',
      fallbackUrl: 'http://localhost:8006',
      aliases: input.stack.aliases,
      healthPath: '/health',
      timeoutMs: 1500,
    },
  };
  return { checks: builtinChecks().list(), facts: input.facts, scope, otherProjects: input.otherProjects };
}

export function stackOf(services: StackService[], aliases: string[] = []): Stack {
  return {
    workspace: '/ws',
    projects: [{ name: 'shop', kind: 'compose', files: ['/ws/compose.yaml'], networks: ['shop_default'] }],
    services,
    aliases,
  };
}
