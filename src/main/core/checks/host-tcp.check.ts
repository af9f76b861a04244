import type { Check } from './check.ts';
import { failedProbe } from './failed-probe.ts';
import { hostTcpFacts, type HostTcpFact } from './check-facts.ts';
import { aliasesNotAskedFromHost, hostPortKey, uniqueTargets } from './target-subjects.ts';

/**
 * TCP from where Stack Doctor runs to every configured `host:port` target, once each. Its facts feed the
 * truth matrix ("answers from the host"); it raises no finding of its own: a docker alias is not meant to
 * answer from the host, and published ports are the published-port check's business. Aliases the host-dns
 * check does not ask about (past HOST_ALIAS_SAMPLE) are not connected to either: the connect would ask the
 * resolver the same question.
 */
export const hostTcpCheck: Check<{ host: string; port: number; timeoutMs: number }, HostTcpFact> = {
  id: 'host-tcp',
  key: hostTcpFacts,
  subjects: (scope) => {
    const notAsked = aliasesNotAskedFromHost(scope);
    return uniqueTargets(scope).filter(({ host }) => !notAsked.has(host));
  },
  timeoutOf: (subject) => subject.timeoutMs,
  run: async ({ host, port }, { net, timeoutMs }) => [{ host, port, probe: await net.tcpConnect(host, port, timeoutMs) }],
  failed: ({ host, port }, error, latencyMs) => [
    { host, port, probe: failedProbe('tcp', hostPortKey(host, port), 'host', error, latencyMs) },
  ],
  findings: () => [],
  *evidence(facts, scope) {
    const byTarget = new Map(facts.map((fact) => [hostPortKey(fact.host, fact.port), fact.probe]));
    for (const service of scope.services) {
      for (const target of service.targets) {
        const probe = byTarget.get(hostPortKey(target.host, target.port));
        if (probe) yield [service, probe] as const;
      }
    }
  },
};
