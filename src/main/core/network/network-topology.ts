import type { ContainerInfo } from '../../../shared/model/index.ts';
import type { NetworkInfo } from '../ports/engine-read.port.ts';
import { isIpLiteral, isLocalhost, normalizeHost } from './host-name.ts';

/** What Docker's network model says about one container resolving one name. */
export interface TopologyVerdict {
  /** true/false when the model decides; null when another resolver (host, external DNS) decides. */
  resolves: boolean | null;
  /** The running container and shared network through which the name resolves. */
  via?: { container: string; network: string };
  /** DNS-serving networks on which a running container answers to the name: where the consumer must be. */
  reachableOn: string[];
  note: string;
}

/** Docker's built-in networks without the embedded DNS (it serves user-defined networks only). */
const NO_DNS = new Set(['bridge', 'host', 'none']);

function hasDns(name: string, networks: Map<string, NetworkInfo>): boolean {
  const info = networks.get(name);
  return info ? info.hasDns : !NO_DNS.has(name);
}

/** Whether `container` answers to `host` on `network` (its aliases there, or its container name). */
function answersOn(container: ContainerInfo, host: string, network: ContainerInfo['networks'][number]): boolean {
  return normalizeHost(container.name.replace(/^\//, '')) === host || network.aliases.some((a) => normalizeHost(a) === host);
}

/**
 * Decides from the network model whether `consumer` can resolve `host`: literals always do; a consumer in
 * the host's network namespace (network `host`, or no network at all) defers to the host resolver; a
 * dotted name no container answers to is left to external DNS; otherwise the name resolves iff a running
 * container answers to it on a DNS-serving network the consumer is attached to.
 */
export function resolveByTopology(
  consumer: ContainerInfo,
  rawHost: string,
  containers: ContainerInfo[],
  networks: NetworkInfo[],
): TopologyVerdict {
  const host = normalizeHost(rawHost);
  if (isLocalhost(host) || isIpLiteral(host)) {
    return {
      resolves: true,
      reachableOn: [],
      note: `${rawHost} is ${isLocalhost(host) ? 'localhost' : 'an IP address'}: nothing to resolve`,
    };
  }
  const consumerNets = consumer.networks.map((n) => n.name);
  if (consumerNets.length === 0 || consumerNets.includes('host')) {
    return { resolves: null, reachableOn: [], note: `${consumer.name} uses the host's network: the host resolver decides` };
  }
  const byName = new Map(networks.map((n) => [n.name, n]));
  const providers: Array<{ container: ContainerInfo; network: string; running: boolean }> = [];
  for (const container of containers) {
    for (const network of container.networks) {
      if (answersOn(container, host, network)) {
        providers.push({ container, network: network.name, running: container.state === 'running' });
      }
    }
  }
  if (host.includes('.') && providers.length === 0) {
    return { resolves: null, reachableOn: [], note: `${rawHost} is not a docker name here: external DNS decides` };
  }

  const live = providers.filter((p) => p.running && hasDns(p.network, byName));
  const reachableOn = [...new Set(live.map((p) => p.network))];
  const shared = live.find((p) => consumerNets.includes(p.network));
  if (shared) {
    return {
      resolves: true,
      via: { container: shared.container.name, network: shared.network },
      reachableOn,
      note: `shares network ${shared.network} with ${shared.container.name}, which answers to ${rawHost}`,
    };
  }
  return { resolves: false, reachableOn, note: whyNot(consumer, rawHost, consumerNets, byName, providers, reachableOn) };
}

function whyNot(
  consumer: ContainerInfo,
  host: string,
  consumerNets: string[],
  byName: Map<string, NetworkInfo>,
  providers: Array<{ container: ContainerInfo; network: string; running: boolean }>,
  reachableOn: string[],
): string {
  const dnsNets = consumerNets.filter((n) => hasDns(n, byName));
  const on =
    dnsNets.length === 0
      ? `${consumer.name} is only on ${consumerNets.join(', ')}, which has no embedded DNS`
      : `${consumer.name} is on ${consumerNets.join(', ')}`;
  if (reachableOn.length > 0) return `${host} answers on ${reachableOn.join(', ')}, but ${on}`;
  const stopped = providers.find((p) => !p.running);
  if (stopped) return `${stopped.container.name} would answer to ${host} but is ${stopped.container.state}; ${on}`;
  return `no running container answers to ${host} on a network with DNS; ${on}`;
}
