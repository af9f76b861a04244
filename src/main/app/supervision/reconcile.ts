import type { ContainerInfo } from '../../../shared/model/index.ts';
import type { ServiceObservation } from '../../core/recovery/service-observation.ts';

/** What supervision last knew of a service's container: running or not, and its HEALTHCHECK's word, if any. */
export type KnownStates = Map<string, { containerId: string; running: boolean; health?: 'starting' | 'healthy' | 'unhealthy' }>;

/**
 * Compares a fresh container list with what was known before the event stream broke, and gives the observations
 * of what changed while away. A service that was running and is not any more was not stopped by the user (the
 * engine went away, or it crashed meanwhile): it is reported as died, so recovery brings it back, dependencies first.
 */
export function reconcileStates(
  known: KnownStates,
  containers: readonly ContainerInfo[],
  serviceOf: (c: ContainerInfo) => string | undefined,
): { observations: ServiceObservation[]; changed: string[] } {
  const now = new Map<string, ContainerInfo>();
  for (const c of containers) {
    const service = serviceOf(c);
    if (service === undefined) continue;
    const previous = now.get(service);
    // A service with several containers (a twin beside its original): the running one speaks for it.
    if (!previous || (previous.state !== 'running' && c.state === 'running')) now.set(service, c);
  }
  const observations: ServiceObservation[] = [];
  const changed: string[] = [];
  for (const [service, before] of known) {
    const c = now.get(service);
    const running = c?.state === 'running';
    if (running === before.running && c?.id === before.containerId) {
      // The same run, but its HEALTHCHECK may have changed while no event could tell (the health_status event missed).
      if (running && c.health !== 'none' && c.health !== before.health) {
        changed.push(service);
        observations.push({ kind: 'docker-health', service, status: c.health });
      }
      continue;
    }
    changed.push(service);
    if (running && c) {
      observations.push({ kind: 'container-started', service, containerId: c.id });
      if (c.health !== 'none') observations.push({ kind: 'docker-health', service, status: c.health });
    } else if (before.running) {
      observations.push({ kind: 'container-died', service, exitCode: c?.exitCode ?? -1, oom: false });
    }
  }
  return { observations, changed };
}

/** The observations that tell a freshly set-up engine where each service stands. */
export function initialObservations(service: string, c: ContainerInfo | null): ServiceObservation[] {
  if (c === null) return [];
  if (c.state === 'running') {
    const started: ServiceObservation[] = [{ kind: 'container-started', service, containerId: c.id }];
    if (c.health !== 'none') started.push({ kind: 'docker-health', service, status: c.health });
    return started;
  }
  // Not running when supervision began: nobody knows why, so it is left alone as the user's choice.
  return [
    { kind: 'stop-requested', service, signal: 'stop', bySelf: false },
    { kind: 'container-died', service, exitCode: c.exitCode, oom: false },
  ];
}
