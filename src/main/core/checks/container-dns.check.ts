import type { ContainerInfo, DependencyTarget, StackService } from '../../../shared/model/index.ts';
import { containerDnsFindings } from '../findings/dns.rules.ts';
import type { Check } from './check.ts';
import { failedProbe } from './failed-probe.ts';
import { containerDnsFacts, type ContainerDnsFact } from './check-facts.ts';
import { dnsFromContainer } from './dns-from-container.ts';

interface Subject {
  service: StackService;
  container: ContainerInfo;
  target: DependencyTarget;
}

/**
 * DNS from inside each running consumer, for each host it is configured to call (once per host): the
 * network model decides, a lookup run in the container confirms. Needs the engine's listing.
 */
export const containerDnsCheck: Check<Subject, ContainerDnsFact> = {
  id: 'container-dns',
  key: containerDnsFacts,
  subjects(scope) {
    if (scope.containers === null) return [];
    return scope.services.flatMap((service) => {
      const container = service.container;
      if (container?.state !== 'running') return [];
      const hosts = new Set<string>();
      return service.targets.filter((t) => !hosts.has(t.host) && hosts.add(t.host)).map((target) => ({ service, container, target }));
    });
  },
  timeoutOf: ({ service }, scope) => scope.timeoutOf(service),
  async run({ service, container, target }, { engine, clock, scope, timeoutMs }) {
    const outcome = await dnsFromContainer(engine, {
      consumer: container,
      host: target.host,
      containers: scope.containers ?? [],
      networks: scope.networks,
      timeoutMs,
      now: () => clock.now(),
    });
    return [{ service, container, target, ...outcome }];
  },
  // The answer is "unknown", not a crash: the topology alone is not consulted for a check that misbehaved.
  failed: ({ service, container, target }, error, latencyMs) => [
    {
      service,
      container,
      target,
      probe: failedProbe('dns-container', target.host, container.name, error, latencyMs),
      reachability: { resolves: null, answers: null, basis: 'not-checked', note: error.message },
      topology: { resolves: null, reachableOn: [], note: error.message },
    },
  ],
  findings: (facts, scope) => containerDnsFindings([...facts.get(containerDnsFacts)], [...scope.services]),
  evidence: (facts) => facts.map((fact) => [fact.service, fact.probe] as const),
};
