import { hostDnsFindings } from '../findings/dns.rules.ts';
import type { Check } from './check.ts';
import { failedProbe } from './failed-probe.ts';
import { hostDnsFacts, type HostDnsFact } from './check-facts.ts';
import { aliasesNotAskedFromHost, uniqueHosts } from './target-subjects.ts';

/**
 * DNS from where Stack Doctor runs: every host a service is configured to call, looked up once (the longest
 * budget of the services calling it). A docker alias failing here is expected and only shown in the matrix;
 * past a sample of them, aliases are not asked at all (see HOST_ALIAS_SAMPLE).
 */
export const hostDnsCheck: Check<{ host: string; timeoutMs: number }, HostDnsFact> = {
  id: 'host-dns',
  key: hostDnsFacts,
  subjects: (scope) => {
    const notAsked = aliasesNotAskedFromHost(scope);
    return uniqueHosts(scope).filter(({ host }) => !notAsked.has(host));
  },
  timeoutOf: (subject) => subject.timeoutMs,
  run: async ({ host }, { net, timeoutMs }) => [{ host, probe: await net.lookup(host, timeoutMs) }],
  failed: ({ host }, error, latencyMs) => [{ host, probe: failedProbe('dns-host', host, 'host', error, latencyMs) }],
  findings: (facts, scope) =>
    hostDnsFindings({
      services: [...scope.services],
      hostDns: new Map(facts.get(hostDnsFacts).map((fact) => [fact.host, fact.probe])),
      aliases: scope.stack.aliases,
    }),
  *evidence(facts, scope) {
    const byHost = new Map(facts.map((fact) => [fact.host, fact.probe]));
    for (const service of scope.services) {
      for (const host of new Set(service.targets.map((t) => t.host))) {
        const probe = byHost.get(host);
        if (probe) yield [service, probe] as const;
      }
    }
  },
};
