import type { ContainerInfo, ContainerState, PortBinding, ResolverSettings } from '../../../shared/model/index.ts';
import { redactText } from '../../../shared/redact.ts';
import { targetsFromEnv } from '../../core/discovery/url-targets.ts';
import { productLabels } from './product-labels.ts';

/** The subset of `GET /containers/{id}/json` this mapper reads. Everything optional: engines differ. */
export interface ContainerInspectJson {
  Id: string;
  Name?: string;
  Created?: string;
  RestartCount?: number;
  State?: {
    Status?: string;
    ExitCode?: number;
    StartedAt?: string;
    FinishedAt?: string;
    Health?: { Status?: string; Log?: { Output?: string; ExitCode?: number }[] | null } | null;
  };
  Config?: {
    Image?: string;
    Hostname?: string;
    Env?: string[] | null;
    Labels?: Record<string, string> | null;
    ExposedPorts?: Record<string, unknown> | null;
  };
  HostConfig?: {
    NetworkMode?: string;
    Dns?: string[] | null;
    DnsSearch?: string[] | null;
    DnsOptions?: string[] | null;
    ExtraHosts?: string[] | null;
    PortBindings?: Record<string, Array<{ HostIp?: string; HostPort?: string }> | null> | null;
  };
  NetworkSettings?: {
    Ports?: Record<string, Array<{ HostIp?: string; HostPort?: string }> | null> | null;
    Networks?: Record<string, { Aliases?: string[] | null; DNSNames?: string[] | null; IPAddress?: string; NetworkID?: string }> | null;
  };
}

/** What the mapper needs to know about a network to decide which names resolve on it. */
export interface NetworkFacts {
  /** Labels of the network; compose marks its own with `com.docker.compose.project`. */
  labels: Record<string, string>;
}

const STATES: readonly ContainerState[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];
/** Networks without the engine's embedded DNS: nobody can be reached by name there. */
const NO_DNS_NETWORKS = new Set(['bridge', 'host', 'none']);
/** Docker's "never" timestamp. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

/**
 * Maps an inspected container to ContainerInfo. `listStatus` is the list endpoint's human status
 * ("Up 3 minutes (healthy)"), which inspect lacks. `networks` is keyed by network name. No secret passes:
 * the environment becomes its URL targets (credentials redacted), labels are the product's only, and the
 * health output is redacted.
 */
export function toContainerInfo(
  inspect: ContainerInspectJson,
  listStatus: string | undefined,
  networks: ReadonlyMap<string, NetworkFacts>,
): ContainerInfo {
  const name = (inspect.Name ?? '').replace(/^\//, '');
  // DNS names depend on the compose labels, read before the rest are dropped.
  const labels = productLabels(inspect.Config?.Labels);
  const rawState = inspect.State?.Status ?? 'created';
  const state = (STATES as readonly string[]).includes(rawState) ? (rawState as ContainerState) : 'dead';
  const health = inspect.State?.Health?.Status;

  const info: ContainerInfo = {
    id: inspect.Id,
    name,
    image: inspect.Config?.Image ?? '',
    state,
    status: listStatus ?? rawState,
    exitCode: inspect.State?.ExitCode ?? 0,
    restartCount: inspect.RestartCount ?? 0,
    health: health === 'healthy' || health === 'unhealthy' || health === 'starting' ? health : 'none',
    labels,
    envTargets: targetsFromEnv(parseEnv(inspect.Config?.Env ?? [])),
    networks: Object.entries(inspect.NetworkSettings?.Networks ?? {}).map(([networkName, endpoint]) => ({
      name: networkName,
      aliases: dnsNamesOn(networkName, endpoint, { id: inspect.Id, name, labels }, networks.get(networkName)),
      ipAddress: endpoint.IPAddress ?? '',
    })),
    ports: mapPorts(inspect),
  };
  if (inspect.HostConfig) info.resolver = resolverSettings(inspect, inspect.HostConfig);
  const startedAt = inspect.State?.StartedAt;
  const finishedAt = inspect.State?.FinishedAt;
  const healthLog = lastHealthOutput(inspect.State?.Health?.Log);
  if (healthLog) info.healthLog = healthLog;
  if (startedAt && startedAt !== ZERO_TIME) info.startedAt = startedAt;
  if (finishedAt && finishedAt !== ZERO_TIME) info.finishedAt = finishedAt;
  return info;
}

function resolverSettings(inspect: ContainerInspectJson, host: NonNullable<ContainerInspectJson['HostConfig']>): ResolverSettings {
  const mode = host.NetworkMode ?? '';
  const hostname = inspect.Config?.Hostname;
  const settings: ResolverSettings = {
    // A bridge network's name is already in `networks`; only the modes that replace them matter here.
    networkMode: mode === 'host' || mode === 'none' || mode.startsWith('container:') ? mode : 'networks',
    dns: [...(host.Dns ?? [])],
    dnsSearch: [...(host.DnsSearch ?? [])],
    dnsOptions: [...(host.DnsOptions ?? [])],
    extraHosts: [...(host.ExtraHosts ?? [])],
  };
  // The engine's default hostname is the short id; only a chosen one is a name peers cannot resolve alike.
  if (hostname && !inspect.Id.startsWith(hostname)) settings.hostname = hostname;
  return settings;
}

/** The newest health check's output, one line, secrets redacted, at most 300 characters. */
function lastHealthOutput(log: { Output?: string; ExitCode?: number }[] | null | undefined): string | undefined {
  const last = log?.at(-1);
  // Redacted before it is cut, so a secret straddling the cut cannot survive half-hidden.
  const output = redactText(last?.Output?.trim().replace(/\s+/g, ' ') ?? '');
  if (!last || !output) return last ? `exit code ${last.ExitCode ?? '?'}` : undefined;
  return `${output.slice(0, 300)} (exit code ${last.ExitCode ?? '?'})`;
}

/** `KEY=value` lines to a record; a bare `KEY` maps to an empty string; later duplicates win. */
export function parseEnv(lines: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of lines) {
    const eq = line.indexOf('=');
    if (eq === 0) continue;
    if (eq < 0) env[line] = '';
    else env[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return env;
}

/**
 * The names the embedded DNS answers with this container's address on one network: its aliases, the
 * engine's DNSNames (engine ≥ 25), its name, its compose service (on the project's own networks) and its
 * 12-character short id. On the default bridge, host and none networks there is no embedded DNS.
 */
export function dnsNamesOn(
  networkName: string,
  endpoint: { Aliases?: string[] | null; DNSNames?: string[] | null },
  container: { id: string; name: string; labels: Record<string, string> },
  facts: NetworkFacts | undefined,
): string[] {
  if (NO_DNS_NETWORKS.has(networkName)) return [];
  const names = new Set<string>();
  for (const alias of endpoint.Aliases ?? []) names.add(alias);
  for (const dnsName of endpoint.DNSNames ?? []) names.add(dnsName);
  if (container.name) names.add(container.name);
  const service = container.labels['com.docker.compose.service'];
  const project = container.labels['com.docker.compose.project'];
  if (service && project && isComposeNetworkOf(networkName, project, facts)) names.add(service);
  names.add(container.id.slice(0, 12));
  return [...names];
}

function isComposeNetworkOf(networkName: string, project: string, facts: NetworkFacts | undefined): boolean {
  if (facts?.labels['com.docker.compose.project'] === project) return true;
  // Compose names its networks `<project>_<network>`; used when the network's labels are unknown.
  return networkName.startsWith(`${project}_`);
}

/**
 * Published ports of a running container from NetworkSettings.Ports; a stopped container has none there,
 * so its configured bindings and exposed ports stand in. `::` twins of `0.0.0.0` bindings are dropped.
 */
function mapPorts(inspect: ContainerInspectJson): PortBinding[] {
  const live = inspect.NetworkSettings?.Ports ?? {};
  const source: Record<string, Array<{ HostIp?: string; HostPort?: string }> | null> =
    Object.keys(live).length > 0 ? live : configuredPorts(inspect);
  const result: PortBinding[] = [];
  const seen = new Set<string>();
  for (const [key, bindings] of Object.entries(source)) {
    const [portText, protocol = 'tcp'] = key.split('/');
    const containerPort = Number(portText);
    if (!Number.isInteger(containerPort)) continue;
    const published = (bindings ?? []).filter((b) => b.HostPort !== undefined && b.HostPort !== '' && b.HostPort !== '0');
    if (published.length === 0) {
      result.push({ containerPort, protocol });
      continue;
    }
    for (const binding of published) {
      const hostPort = Number(binding.HostPort);
      const hostIp = binding.HostIp ?? '';
      const wildcard = hostIp === '' || hostIp === '0.0.0.0' || hostIp === '::';
      const dedupeKey = `${containerPort}/${protocol}/${wildcard ? '*' : hostIp}/${hostPort}`;
      if (seen.has(dedupeKey)) continue;
      seen.add(dedupeKey);
      result.push({ containerPort, protocol, hostIp: hostIp === '' ? '0.0.0.0' : hostIp, hostPort });
    }
  }
  return result.sort((a, b) => a.containerPort - b.containerPort);
}

function configuredPorts(inspect: ContainerInspectJson): Record<string, Array<{ HostIp?: string; HostPort?: string }> | null> {
  const ports: Record<string, Array<{ HostIp?: string; HostPort?: string }> | null> = {};
  for (const key of Object.keys(inspect.Config?.ExposedPorts ?? {})) ports[key] = null;
  for (const [key, bindings] of Object.entries(inspect.HostConfig?.PortBindings ?? {})) ports[key] = bindings;
  return ports;
}
