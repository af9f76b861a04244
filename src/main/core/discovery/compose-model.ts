import type { PortBinding } from '../../../shared/model/index.ts';

/** A service's attachment to a compose network, by its key in the compose file. */
export interface ComposeServiceNetwork {
  key: string;
  aliases: string[];
}

export interface ComposeHealthcheck {
  /** `test:` as an argv (`["CMD", "curl", …]`) or one shell string; absent when inherited from the image. */
  test?: string[] | string;
  disable: boolean;
}

/** What discovery needs of one compose service. */
export interface ComposeService {
  name: string;
  containerName?: string;
  dependsOn: string[];
  /** After `${VAR:-default}` interpolation; variables without a default stay as written. */
  environment: Record<string, string>;
  networks: ComposeServiceNetwork[];
  ports: PortBinding[];
  /** `host`, `none`, `bridge`, `service:x`, `container:x`: when set, the service joins no project network. */
  networkMode?: string;
  healthcheck?: ComposeHealthcheck;
}

/** A top-level `networks:` entry. */
export interface ComposeNetwork {
  key: string;
  /** Explicit `name:` (engine name as written). */
  name?: string;
  external: boolean;
}

/** One compose file, or several files of the same project merged. */
export interface ComposeModel {
  files: string[];
  projectName: string;
  /** Whether the name came from a top-level `name:` rather than the directory. */
  explicitName: boolean;
  services: ComposeService[];
  networks: ComposeNetwork[];
}

/** Engine name of a network key: `name:` or the key when external, else `<project>_<key>`. */
export function networkEngineName(model: ComposeModel, key: string): string {
  const declared = model.networks.find((network) => network.key === key);
  if (declared?.name) return declared.name;
  if (declared?.external) return key;
  return `${model.projectName}_${key}`;
}

/** Engine names of the networks a service joins; `<project>_default` when it names none. */
export function serviceNetworkNames(model: ComposeModel, service: ComposeService): string[] {
  if (service.networkMode) return [];
  const keys = service.networks.length > 0 ? service.networks.map((network) => network.key) : ['default'];
  return keys.map((key) => networkEngineName(model, key));
}

/** Engine names of every network the project's services use or the file declares. */
export function projectNetworkNames(model: ComposeModel): string[] {
  const names = new Set<string>();
  for (const service of model.services) for (const name of serviceNetworkNames(model, service)) names.add(name);
  for (const network of model.networks) names.add(networkEngineName(model, network.key));
  return [...names];
}

/**
 * Merges models of one project in order, as `-f a.yml -f b.yml` does: later scalars win, environment
 * maps merge, lists (depends_on, networks, ports) are unioned.
 */
export function mergeComposeModels(projectName: string, models: readonly ComposeModel[]): ComposeModel {
  const services = new Map<string, ComposeService>();
  const networks = new Map<string, ComposeNetwork>();
  for (const model of models) {
    for (const service of model.services) {
      const previous = services.get(service.name);
      services.set(service.name, previous ? mergeService(previous, service) : { ...service });
    }
    for (const network of model.networks) networks.set(network.key, { ...networks.get(network.key), ...network });
  }
  return {
    files: [...new Set(models.flatMap((model) => model.files))],
    projectName,
    explicitName: models.some((model) => model.explicitName),
    services: [...services.values()],
    networks: [...networks.values()],
  };
}

function mergeService(base: ComposeService, next: ComposeService): ComposeService {
  const networks = new Map(base.networks.map((network) => [network.key, network]));
  for (const network of next.networks) networks.set(network.key, network);
  const merged: ComposeService = {
    name: base.name,
    dependsOn: [...new Set([...base.dependsOn, ...next.dependsOn])],
    environment: { ...base.environment, ...next.environment },
    networks: [...networks.values()],
    ports: [...base.ports, ...next.ports],
  };
  const containerName = next.containerName ?? base.containerName;
  const networkMode = next.networkMode ?? base.networkMode;
  const healthcheck = next.healthcheck ?? base.healthcheck;
  if (containerName) merged.containerName = containerName;
  if (networkMode) merged.networkMode = networkMode;
  if (healthcheck) merged.healthcheck = healthcheck;
  return merged;
}
