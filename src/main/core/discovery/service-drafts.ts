import type { ContainerInfo, DependencyTarget, PortBinding, StackService } from '../../../shared/model/index.ts';
import type { ComposeService } from './compose-model.ts';
import {
  composeProjectOf,
  composeServiceOf,
  containerName,
  dependsOnOf,
  isDevcontainerContainer,
  preferredContainer,
} from './container-labels.ts';
import type { DevcontainerModel } from './devcontainer.ts';
import { IMAGE_DEVCONTAINER_PROJECT } from './workspace-declarations.ts';
import type { DeclaredProject } from './workspace-declarations.ts';
import { overlayEnvTargets, targetsFromEnv } from './url-targets.ts';
import { compareNames } from '../../../shared/compare-names.ts';

type ServiceRole = StackService['role'];

/** A service before targets and probe URLs are derived. */
export interface ServiceDraft {
  name: string;
  project: string;
  role: ServiceRole;
  declared: boolean;
  container: ContainerInfo | null;
  dependsOn: string[];
  /**
   * The URLs in the env its process sees: the running container's, else the compose model's (+ devcontainer
   * env). Only targets are kept, never raw values (see targetsFromEnv).
   */
  targets: DependencyTarget[];
  ports: PortBinding[];
  /** DNS names this service answers to: service name, container_name, aliases, container name. */
  names: string[];
}

export interface DraftInput {
  projects: readonly DeclaredProject[];
  devcontainer: DevcontainerModel | null;
  devcontainerProject: string | null;
  /** Containers tied to the workspace. */
  containers: readonly ContainerInfo[];
}

/** Matches containers to declared services; containers left over become undeclared services. */
export function buildServiceDrafts(input: DraftInput): ServiceDraft[] {
  const used = new Set<string>();
  const take = (candidates: ContainerInfo[]): ContainerInfo | null => {
    for (const candidate of candidates) used.add(candidate.id);
    return preferredContainer(candidates);
  };
  const drafts: ServiceDraft[] = [];
  // Indexed once: matching each declared service against every container would be quadratic in services.
  const byService = new Map<string, ContainerInfo[]>();
  for (const container of input.containers) {
    const key = `${composeProjectOf(container) ?? ''}\u0000${composeServiceOf(container) ?? ''}`;
    const group = byService.get(key);
    if (group) group.push(container);
    else byService.set(key, [container]);
  }

  for (const project of input.projects) {
    if (project.compose) {
      for (const service of project.compose.services) {
        const container = take(byService.get(`${project.name}\u0000${service.name}`) ?? []);
        const isDev = project.name === input.devcontainerProject && service.name === input.devcontainer?.service;
        drafts.push(declaredDraft(project.name, service, container, isDev, input.devcontainer));
      }
    } else if (project.name === IMAGE_DEVCONTAINER_PROJECT && input.devcontainer) {
      const container = take(input.containers.filter((c) => isDevcontainerContainer(c) && !composeProjectOf(c)));
      drafts.push(imageDevcontainerDraft(input.devcontainer, container));
    }
  }

  const leftovers = new Map<string, ContainerInfo[]>();
  for (const container of input.containers) {
    if (used.has(container.id)) continue;
    const key = `${composeProjectOf(container) ?? IMAGE_DEVCONTAINER_PROJECT}\u0000${composeServiceOf(container) ?? containerName(container)}`;
    leftovers.set(key, [...(leftovers.get(key) ?? []), container]);
  }
  for (const [key, candidates] of [...leftovers].sort(([a], [b]) => compareNames(a, b))) {
    const [project = '', name = ''] = key.split('\u0000');
    const container = take(candidates) as ContainerInfo;
    drafts.push({
      name,
      project,
      role: isDevcontainerContainer(container) ? 'devcontainer' : 'service',
      declared: false,
      container,
      // No compose file in sight: compose's own label still says what the service depends on.
      dependsOn: dependsOnOf(container),
      targets: [...container.envTargets],
      ports: container.ports,
      names: unique([...(composeServiceOf(container) ? [name] : []), ...containerNames(container)]),
    });
  }
  return drafts;
}

function declaredDraft(
  project: string,
  service: ComposeService,
  container: ContainerInfo | null,
  isDev: boolean,
  devcontainer: DevcontainerModel | null,
): ServiceDraft {
  const role: ServiceRole = isDev || (container !== null && isDevcontainerContainer(container)) ? 'devcontainer' : 'service';
  const base = container ? container.envTargets : targetsFromEnv({ ...service.environment, ...(isDev ? devcontainer?.containerEnv : {}) });
  // remoteEnv is what tools run by the editor inside the devcontainer see, the orchestrator client included.
  const targets = isDev && devcontainer ? overlayEnvTargets(base, devcontainer.remoteEnv) : [...base];
  const names = [
    service.name,
    ...(service.containerName ? [service.containerName] : []),
    ...service.networks.flatMap((network) => network.aliases),
    ...(container ? containerNames(container) : []),
  ];
  return {
    name: service.name,
    project,
    role,
    declared: true,
    container,
    dependsOn: service.dependsOn,
    targets,
    ports: container ? container.ports : service.ports,
    names: unique(names),
  };
}

function imageDevcontainerDraft(devcontainer: DevcontainerModel, container: ContainerInfo | null): ServiceDraft {
  const base = container ? container.envTargets : targetsFromEnv(devcontainer.containerEnv);
  return {
    name: devcontainer.name ?? IMAGE_DEVCONTAINER_PROJECT,
    project: IMAGE_DEVCONTAINER_PROJECT,
    role: 'devcontainer',
    declared: true,
    container,
    dependsOn: [],
    targets: overlayEnvTargets(base, devcontainer.remoteEnv),
    ports: container ? container.ports : [],
    names: container ? containerNames(container) : [],
  };
}

/** The container's name and its network aliases, without the short-id alias the engine adds. */
function containerNames(container: ContainerInfo): string[] {
  const shortId = container.id.slice(0, 12);
  return [containerName(container), ...container.networks.flatMap((network) => network.aliases)].filter(
    (name) => name !== '' && name !== shortId && name !== container.id,
  );
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
