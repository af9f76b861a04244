import type { ContainerInfo, ProbeResult, Reachability } from '../../../shared/model/index.ts';
import { resolveByTopology, type TopologyVerdict } from '../network/network-topology.ts';
import type { EngineReadPort, NetworkInfo } from '../ports/index.ts';
import { lookupInContainer, type ContainerLookup } from './container-lookup.ts';

export interface DnsFromContainerInput {
  /** The container that is configured to call `host`. */
  consumer: ContainerInfo;
  host: string;
  /** Every container the engine knows (providers may live in other projects). */
  containers: ContainerInfo[];
  networks: NetworkInfo[];
  /** Budget of the in-container lookup (all tools together), ms. */
  timeoutMs: number;
  /** Monotonic ms for latencyMs; default `performance.now()`. Injected by tests. */
  now?: () => number;
}

export interface DnsFromContainerOutcome {
  probe: ProbeResult;
  reachability: Reachability;
  topology: TopologyVerdict;
}

/**
 * DNS from inside a container: decided from the network topology, then confirmed by a lookup run in the
 * container when it is running and has `getent`/`nslookup`. The lookup wins a disagreement (it is what
 * the process in the container would see). `basis`: `topology+lookup` when both spoke, `lookup` when the
 * topology could not decide, `topology` when no lookup ran, `not-checked` when neither decided. The
 * container-DNS check may run the lookup in a peer that resolves alike instead (containerDnsVerdict).
 * `answers` stays null: TCP reachability is the caller's business.
 */
export async function dnsFromContainer(engine: EngineReadPort, input: DnsFromContainerInput): Promise<DnsFromContainerOutcome> {
  const now = input.now ?? (() => performance.now());
  const start = now();
  const { consumer, host } = input;
  const topology = resolveByTopology(consumer, host, input.containers, input.networks);
  const lookup: ContainerLookup | null =
    consumer.state === 'running' ? await lookupInContainer(engine, consumer.id, host, input.timeoutMs, now) : null;
  const latencyMs = Math.max(0, Math.round((now() - start) * 10) / 10);
  return containerDnsVerdict({ consumer, host, topology, lookup, ranIn: lookup ? consumer : null, latencyMs });
}

/** What {@link containerDnsVerdict} weighs: the model's answer and a lookup's, and where the lookup ran. */
export interface VerdictInput {
  consumer: ContainerInfo;
  host: string;
  topology: TopologyVerdict;
  /** null when no lookup ran (consumer not running, or nothing to look up). */
  lookup: ContainerLookup | null;
  /**
   * The container the lookup ran in: the consumer, or a peer on the same networks with the same resolver
   * settings (see lookup-groups.ts), which the note and `detail.lookupIn` then name.
   */
  ranIn: ContainerInfo | null;
  latencyMs: number;
  /** Why no lookup ran, when `lookup` is null; default "<consumer> is <state>, no lookup run". */
  noLookup?: string;
}

/** The verdict and probe of one consumer for one host, from the topology and a lookup (pure). */
export function containerDnsVerdict(input: VerdictInput): DnsFromContainerOutcome {
  const { consumer, host, topology, ranIn, latencyMs } = input;
  const peer = input.lookup !== null && ranIn !== null && ranIn.id !== consumer.id ? ranIn : null;
  const lookup: ContainerLookup | null =
    input.lookup && peer
      ? {
          ...input.lookup,
          note: `looked up in peer ${peer.name} (same networks and resolver settings as ${consumer.name}): ${input.lookup.note}`,
        }
      : input.lookup;
  // A name no resolver accepts cannot resolve, whatever the network model would say of it.
  const reachability: Reachability =
    lookup?.failure?.code === 'INVALID_HOST'
      ? { resolves: false, answers: null, basis: 'topology', note: `${lookup.note}; ${topology.note}` }
      : decide(topology, lookup, consumer, input.noLookup);
  const probe: ProbeResult = {
    kind: 'dns-container',
    target: host,
    from: consumer.name,
    ok: reachability.resolves === true,
    latencyMs,
    detail: {
      tool: lookup?.tool ?? null,
      output: lookup?.output ?? '',
      topology,
      ...(lookup && lookup.addresses.length > 0 ? { addresses: lookup.addresses } : {}),
      ...(lookup && ranIn ? { lookupIn: ranIn.name } : {}),
    },
  };
  if (lookup?.failure?.code === 'INVALID_HOST') {
    // Reported as what it is, not as a name some resolver failed to find.
    probe.error = lookup.failure;
  } else if (reachability.resolves === false) {
    probe.error = { code: 'ENOTFOUND', message: `${consumer.name} cannot resolve ${host}: ${reachability.note}` };
  } else if (reachability.resolves === null) {
    probe.error = lookup?.failure ?? { code: 'INCONCLUSIVE', message: reachability.note };
  }
  return { probe, reachability, topology };
}

function decide(topology: TopologyVerdict, lookup: ContainerLookup | null, consumer: ContainerInfo, noLookup?: string): Reachability {
  if (lookup && lookup.resolves !== null) {
    if (topology.resolves === null)
      return { resolves: lookup.resolves, answers: null, basis: 'lookup', note: `${lookup.note} (${topology.note})` };
    const note =
      topology.resolves === lookup.resolves
        ? `${lookup.note}; ${topology.note}`
        : `${lookup.note}, although the network model says it ${topology.resolves ? 'should' : 'should not'} (${topology.note}); the lookup wins`;
    return { resolves: lookup.resolves, answers: null, basis: 'topology+lookup', note };
  }
  const why = lookup ? lookup.note : (noLookup ?? `${consumer.name} is ${consumer.state}, no lookup run`);
  if (topology.resolves === null) return { resolves: null, answers: null, basis: 'not-checked', note: `${topology.note}; ${why}` };
  return { resolves: topology.resolves, answers: null, basis: 'topology', note: `${topology.note} (${why})` };
}
