import type { StackService } from '../../../shared/model/index.ts';

/** How a finding names a service: `project/service`, or just the name when that says it all. */
export function serviceLabel(service: StackService): string {
  return service.role === 'devcontainer' || service.project === service.name ? service.name : `${service.project}/${service.name}`;
}

/** Every DNS name a service answers to in its networks: service name, container name, network aliases. */
export function namesOf(service: StackService): Set<string> {
  const names = new Set<string>([service.name]);
  const container = service.container;
  if (container) {
    names.add(container.name);
    for (const network of container.networks) for (const alias of network.aliases) names.add(alias);
  }
  return names;
}

/** The service of the stack a host names, if any (first match; service names win over aliases). */
export function serviceForHost(services: StackService[], host: string): StackService | undefined {
  return services.find((s) => s.name === host) ?? services.find((s) => namesOf(s).has(host));
}

/** Services that need `service`: they list it in depends_on or are configured with a URL on one of its names. */
export function dependentsOf(services: StackService[], service: StackService): StackService[] {
  const names = namesOf(service);
  return services.filter(
    (other) =>
      other !== service &&
      ((other.project === service.project && other.dependsOn.includes(service.name)) || other.targets.some((t) => names.has(t.host))),
  );
}

/** True for hosts that mean "this machine". */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.');
}
