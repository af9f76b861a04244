import type Docker from 'dockerode';
import type { ContainerSpec } from '../../core/ports/index.ts';
import { parseEnv } from './container-info.mapper.ts';

/** Config fields the spec names itself; the rest of `Config` is carried through as it is. */
const SPEC_CONFIG_FIELDS = new Set(['Image', 'Env', 'Labels', 'Cmd', 'Entrypoint', 'Hostname']);
/** Networks where the engine refuses network-scoped aliases. */
const NO_ALIAS_NETWORKS = new Set(['bridge', 'host', 'none']);

/**
 * What `createContainer` needs to make a twin of an inspected container. The hostname is left out: the
 * engine's default is the container's own short id, and a twin keeping the old one would be confusing.
 */
export function toContainerSpec(inspect: Docker.ContainerInspectInfo): ContainerSpec {
  const config = { ...(inspect.Config as unknown as Record<string, unknown>) };
  const shortId = inspect.Id.slice(0, 12);
  const engineConfig: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) if (!SPEC_CONFIG_FIELDS.has(key)) engineConfig[key] = value;
  if (typeof config['Hostname'] === 'string' && config['Hostname'] !== shortId) engineConfig['Hostname'] = config['Hostname'];

  const containerName = inspect.Name.replace(/^\//, '');
  const spec: ContainerSpec = {
    name: containerName,
    image: inspect.Config.Image,
    env: parseEnv(inspect.Config.Env ?? []),
    labels: { ...(inspect.Config.Labels ?? {}) },
    networks: Object.entries(inspect.NetworkSettings.Networks ?? {}).map(([name, endpoint]) => ({
      name,
      aliases: NO_ALIAS_NETWORKS.has(name)
        ? []
        : (endpoint.Aliases ?? []).filter((alias: string) => alias !== shortId && alias !== inspect.Id && alias !== containerName),
    })),
    engineConfig,
    engineHostConfig: { ...(inspect.HostConfig as unknown as Record<string, unknown>) },
  };
  const cmd = inspect.Config.Cmd;
  const entrypoint = inspect.Config.Entrypoint;
  if (Array.isArray(cmd)) spec.cmd = [...cmd];
  if (Array.isArray(entrypoint)) spec.entrypoint = [...entrypoint];
  else if (typeof entrypoint === 'string' && entrypoint !== '') spec.entrypoint = [entrypoint];
  return spec;
}

/**
 * The create request for a spec. Only the first network goes in at create time (engines before API 1.44
 * accept one); the caller connects the others before starting the container.
 */
export function toCreateOptions(spec: ContainerSpec): Docker.ContainerCreateOptions {
  const [first] = spec.networks;
  const hostConfig: Record<string, unknown> = { ...spec.engineHostConfig };
  if (first) hostConfig['NetworkMode'] = first.name;
  return {
    ...(spec.engineConfig as Docker.ContainerCreateOptions),
    name: spec.name,
    Image: spec.image,
    Env: Object.entries(spec.env).map(([name, value]) => `${name}=${value}`),
    Labels: { ...spec.labels },
    ...(spec.cmd ? { Cmd: [...spec.cmd] } : {}),
    ...(spec.entrypoint ? { Entrypoint: [...spec.entrypoint] } : {}),
    HostConfig: hostConfig as Docker.HostConfig,
    ...(first && first.aliases.length > 0
      ? { NetworkingConfig: { EndpointsConfig: { [first.name]: { Aliases: [...first.aliases] } } } }
      : {}),
  };
}
