import type {
  DependencyTarget,
  MatrixProject,
  MatrixTarget,
  ProbeResult,
  Reachability,
  Stack,
  StackService,
} from '../../../shared/model/index.ts';
import { containerDnsFacts, hostDnsFacts, hostTcpFacts, type ContainerDnsFact } from '../checks/check-facts.ts';
import type { FactView } from '../checks/fact-store.ts';
import { HOST_ALIAS_SAMPLE, hostPortKey } from '../checks/target-subjects.ts';

/** The facts one matrix row is read from, indexed once per run. */
interface MatrixFacts {
  hostDns: Map<string, ProbeResult>;
  hostTcp: Map<string, ProbeResult>;
  /** Container DNS facts by consumer service, then host. */
  containerDns: Map<StackService, Map<string, ContainerDnsFact>>;
}

function indexFacts(facts: FactView): MatrixFacts {
  const containerDns = new Map<StackService, Map<string, ContainerDnsFact>>();
  for (const fact of facts.get(containerDnsFacts)) {
    const byHost = containerDns.get(fact.service) ?? new Map<string, ContainerDnsFact>();
    if (!byHost.has(fact.target.host)) byHost.set(fact.target.host, fact);
    containerDns.set(fact.service, byHost);
  }
  return {
    hostDns: new Map(facts.get(hostDnsFacts).map((f) => [f.host, f.probe])),
    hostTcp: new Map(facts.get(hostTcpFacts).map((f) => [hostPortKey(f.host, f.port), f.probe])),
    containerDns,
  };
}

/**
 * The runtime truth matrix: per project, its files, containers up / services total, and one row per
 * (consumer, configured target) saying whether it resolves and answers from inside the consumer and from here.
 */
export function buildTruthMatrix(stack: Stack, view: FactView, engineOk: boolean): MatrixProject[] {
  const aliases = new Set(stack.aliases);
  const facts = indexFacts(view);
  return stack.projects.map((project) => {
    const services = stack.services.filter((s) => s.project === project.name);
    return {
      ...project,
      containersUp: services.filter((s) => s.container?.state === 'running').length,
      // Services, not containers: a declared service without a container counts as one that is down.
      containersTotal: services.length,
      targets: services.flatMap((service) => service.targets.map((target) => row(service, target, facts, aliases, engineOk))),
    };
  });
}

function row(service: StackService, target: DependencyTarget, facts: MatrixFacts, aliases: Set<string>, engineOk: boolean): MatrixTarget {
  return {
    ...target,
    consumer: service.name,
    fromContainer: fromContainer(service, target, facts, engineOk),
    fromHost: fromHost(target, facts, aliases),
  };
}

function notChecked(note: string): Reachability {
  return { resolves: null, answers: null, basis: 'not-checked', note };
}

function fromContainer(service: StackService, target: DependencyTarget, facts: MatrixFacts, engineOk: boolean): Reachability {
  const check = facts.containerDns.get(service)?.get(target.host);
  if (check) {
    const r = check.reachability;
    // A name that does not resolve cannot answer, whatever the probe could tell.
    return r.resolves === false && r.answers === null ? { ...r, answers: false } : r;
  }
  if (!engineOk) return notChecked('engine unreachable');
  if (!service.container) return notChecked('no container');
  if (service.container.state !== 'running') return notChecked(`container ${service.container.state}`);
  return notChecked('not probed');
}

function fromHost(target: DependencyTarget, facts: MatrixFacts, aliases: Set<string>): Reachability {
  const dns = facts.hostDns.get(target.host);
  const tcp = facts.hostTcp.get(hostPortKey(target.host, target.port));
  if (!dns)
    return aliases.has(target.host) && !target.host.includes('.')
      ? notChecked(`docker alias: not asked from the host (only ${HOST_ALIAS_SAMPLE} aliases are; expected from the host)`)
      : notChecked('not probed');
  if (!dns.ok) {
    const expected = aliases.has(target.host) ? ' (docker alias: expected from the host)' : '';
    return { resolves: false, answers: false, basis: 'probe', note: `${dns.error?.code ?? 'unresolved'}${expected}` };
  }
  const addresses = Array.isArray(dns.detail?.['addresses']) ? (dns.detail['addresses'] as unknown[]).join(', ') : '';
  const resolved = addresses ? `resolves to ${addresses}` : 'resolves';
  if (!tcp) return { resolves: true, answers: null, basis: 'probe', note: resolved };
  const connect = tcp.ok ? `connect ok (${Math.round(tcp.latencyMs)} ms)` : `connect ${tcp.error?.code ?? 'failed'}`;
  return { resolves: true, answers: tcp.ok, basis: 'probe', note: `${resolved}; ${connect}` };
}
