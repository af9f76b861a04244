import type { ProbeResult, ServiceReport, StackService } from '../../../shared/model/index.ts';
import { containerStateProbe } from './container-state.probe.ts';
import { hostPortKey, type ProbeFacts } from './probe-facts.ts';

/** One report per service with every probe that concerns it attached: its state, its targets, its ports. */
export function buildServiceReports(services: StackService[], facts: ProbeFacts): ServiceReport[] {
  return services.map((service) => {
    const probes: ProbeResult[] = [];
    if (service.container) probes.push(containerStateProbe(service.container));
    const hosts = new Set<string>();
    for (const target of service.targets) {
      if (!hosts.has(target.host)) {
        hosts.add(target.host);
        const dns = facts.hostDns.get(target.host);
        if (dns) probes.push(dns);
      }
      const tcp = facts.hostTcp.get(hostPortKey(target.host, target.port));
      if (tcp) probes.push(tcp);
    }
    for (const check of facts.containerDns) if (check.service === service) probes.push(check.probe);
    for (const check of facts.ports) if (check.service === service) probes.push(check.probe);
    for (const check of facts.health) if (check.service === service) probes.push(check.probe);
    for (const check of facts.ws) if (check.service === service) probes.push(check.probe);
    return {
      name: service.name,
      project: service.project,
      role: service.role,
      container: service.container,
      dependsOn: service.dependsOn,
      probes,
    };
  });
}
