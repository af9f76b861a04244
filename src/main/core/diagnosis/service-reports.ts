import type { ProbeResult, ServiceReport, StackService } from '../../../shared/model/index.ts';
import type { AnyCheck, CheckScope } from '../checks/check.ts';
import type { FactView } from '../checks/fact-store.ts';

/**
 * One report per service with every probe that concerns it attached, check by check in registry order
 * (its container state first, then its targets from the host, from inside, its ports, its URLs).
 */
export function buildServiceReports(checks: readonly AnyCheck[], facts: FactView, scope: CheckScope): ServiceReport[] {
  const probes = new Map<StackService, ProbeResult[]>();
  for (const check of checks) {
    if (!check.evidence) continue;
    for (const [service, probe] of check.evidence(facts.get(check.key), scope)) {
      const list = probes.get(service);
      if (list) list.push(probe);
      else probes.set(service, [probe]);
    }
  }
  return scope.services.map((service) => ({
    name: service.name,
    project: service.project,
    role: service.role,
    container: service.container,
    dependsOn: service.dependsOn,
    probes: probes.get(service) ?? [],
  }));
}
