import { containerDnsFindings } from '../findings/dns.rules.ts';
import { resolveByTopology } from '../network/network-topology.ts';
import type { Check } from './check.ts';
import { failedProbe } from './failed-probe.ts';
import { containerDnsFacts, type ContainerDnsFact } from './check-facts.ts';
import { containerDnsVerdict } from './dns-from-container.ts';
import { lookupInGroup } from './lookup-in-group.ts';
import { needsLookup, planLookups, type LookupBatch, type LookupRequest } from './lookup-groups.ts';

/**
 * At most this many lookup execs run at once, whatever the size of the stack: each exec forks a runtime
 * process in the engine (runc), and a few hundred at once starve a small machine for a minute.
 */
export const CONTAINER_DNS_EXEC_CONCURRENCY = 4;

/**
 * DNS from inside each running consumer, for each host it is configured to call (once per host): the
 * network model decides, a lookup run in a container confirms. Consumers on the same networks with the same
 * resolver settings resolve alike, so one lookup exec in one of them (batch-lookup.ts: a constant shell script
 * running getent or nslookup per name) answers many names for all (lookup-groups.ts); each fact's note and `detail.lookupIn` say where its lookup ran. Needs the engine's
 * listing.
 */
export const containerDnsCheck: Check<LookupBatch, ContainerDnsFact> = {
  id: 'container-dns',
  key: containerDnsFacts,
  concurrency: CONTAINER_DNS_EXEC_CONCURRENCY,
  subjects(scope) {
    if (scope.containers === null) return [];
    const requests: LookupRequest[] = scope.services.flatMap((service) => {
      const container = service.container;
      if (container?.state !== 'running') return [];
      const hosts = new Set<string>();
      return service.targets.filter((t) => !hosts.has(t.host) && hosts.add(t.host)).map((target) => ({ service, container, target }));
    });
    return planLookups(requests, { parallel: CONTAINER_DNS_EXEC_CONCURRENCY });
  },
  // The batch answers for several services: it gets the largest budget among them.
  timeoutOf: ({ requests }, scope) => Math.max(scope.timeoutMs, ...requests.map((r) => scope.timeoutOf(r.service))),
  async run(batch, { engine, clock, scope, timeoutMs }) {
    const now = (): number => clock.now();
    const start = now();
    const { lookups, ranIn } = await lookupInGroup(engine, batch, timeoutMs, now);
    const latencyMs = Math.max(0, Math.round((now() - start) * 10) / 10);
    return batch.requests.map(({ service, container, target }) => {
      const topology = resolveByTopology(container, target.host, scope.containers ?? [], scope.networks);
      const lookup = needsLookup(target.host) ? (lookups.get(target.host) ?? null) : null;
      const outcome = containerDnsVerdict({
        consumer: container,
        host: target.host,
        topology,
        lookup,
        ranIn,
        latencyMs,
        noLookup: `no lookup needed`,
      });
      return { service, container, target, ...outcome };
    });
  },
  // The answer is "unknown", not a crash: the topology alone is not consulted for a check that misbehaved.
  failed: ({ requests }, error, latencyMs) =>
    requests.map(({ service, container, target }) => ({
      service,
      container,
      target,
      probe: failedProbe('dns-container', target.host, container.name, error, latencyMs),
      reachability: { resolves: null, answers: null, basis: 'not-checked' as const, note: error.message },
      topology: { resolves: null, reachableOn: [], note: error.message },
    })),
  findings: (facts, scope) => containerDnsFindings([...facts.get(containerDnsFacts)], [...scope.services]),
  evidence: (facts) => facts.map((fact) => [fact.service, fact.probe] as const),
};
