import type { ContainerInfo, Diagnosis, ServiceReport } from '../../../shared/model/index.ts';

/** A container of the diagnosed stack with the service it runs. */
export interface StackContainer {
  service: ServiceReport;
  container: ContainerInfo;
}

/**
 * Lookups over one diagnosis. Only what the diagnosis lists as the workspace's services counts as the stack:
 * an action naming any other container or network is never planned.
 */
export class StackIndex {
  private readonly byName = new Map<string, StackContainer>();
  private readonly networks = new Set<string>();

  constructor(readonly diagnosis: Diagnosis) {
    for (const service of diagnosis.services) {
      if (!service.container) continue;
      this.byName.set(service.container.name, { service, container: service.container });
      for (const network of service.container.networks) this.networks.add(network.name);
    }
    for (const project of diagnosis.projects) for (const network of project.networks) this.networks.add(network);
  }

  /** The stack's container named `name`, if it is one. */
  container(name: string): StackContainer | undefined {
    return this.byName.get(name);
  }

  /** A network one of the stack's containers is on or one of its projects declares. */
  hasNetwork(name: string): boolean {
    return this.networks.has(name);
  }

  /** The service `name` of `project`, if the diagnosis has it. */
  service(project: string, name: string): ServiceReport | undefined {
    return this.diagnosis.services.find((s) => s.project === project && s.name === name);
  }

  /** Compose files of `project` (absolute paths), empty when unknown. */
  projectFiles(project: string): string[] {
    return this.diagnosis.projects.find((p) => p.name === project && p.kind === 'compose')?.files ?? [];
  }

  /** Services `service` needs, transitively, by `project/name` key (depends_on within its project). */
  dependencies(service: ServiceReport): Set<string> {
    const found = new Set<string>();
    const queue = [service];
    while (queue.length > 0) {
      const current = queue.shift() as ServiceReport;
      for (const name of current.dependsOn) {
        const key = serviceKey(current.project, name);
        if (found.has(key)) continue;
        found.add(key);
        const next = this.service(current.project, name);
        if (next) queue.push(next);
      }
    }
    return found;
  }
}

export function serviceKey(project: string, name: string): string {
  return `${project}/${name}`;
}
