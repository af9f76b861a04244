import type { ContainerInfo, DependencyTarget, StackService } from '../../../shared/model/index.ts';
import { isIpLiteral, isLocalhost, normalizeHost } from '../network/host-name.ts';
import { compareNames } from '../../../shared/compare-names.ts';

/** One running consumer configured to call one host: a question the container-DNS check answers. */
export interface LookupRequest {
  service: StackService;
  container: ContainerInfo;
  target: DependencyTarget;
}

/**
 * One exec's worth of work: names looked up together in one container of a group that resolves alike,
 * and every request those names answer.
 */
export interface LookupBatch {
  /** The group's key: its networks and resolver settings (see {@link resolverGroupKey}). */
  group: string;
  /** Running members of the group that may run the lookup, in the order to try them. */
  runners: ContainerInfo[];
  /** Names to look up in one run; literals and localhost are never in it (nothing to look up). */
  names: string[];
  requests: LookupRequest[];
}

/** Options of {@link planLookups}. */
export interface PlanOptions {
  /** Names per exec; default {@link LOOKUP_BATCH_SIZE}. */
  batchSize?: number;
  /**
   * Execs the caller runs at once. When the names need more batches than that, batches grow (up to
   * {@link MAX_LOOKUP_BATCH_SIZE} names) so they run in as few rounds as possible: an exec costs the same for 30
   * names as for 50 (the runtime's fork dominates; the embedded DNS answers a name in about a millisecond), and
   * a second round costs a whole exec more. Default: no widening.
   */
  parallel?: number;
  /** Members of a group tried when one cannot run the lookup (exec refused, no tool); default 3. */
  maxRunners?: number;
}

/** Names per `getent ahosts` exec: short enough that one slow name does not hold many others. */
export const LOOKUP_BATCH_SIZE = 32;

/** Most names per exec when batches are widened to fit the execs run at once ({@link PlanOptions.parallel}). */
export const MAX_LOOKUP_BATCH_SIZE = 64;

/**
 * Names per exec for `totalNames` names: `batchSize`, widened up to {@link MAX_LOOKUP_BATCH_SIZE} so that the
 * batches fit in `parallel` execs at once when they can (200 names, 4 at once: 4 execs of 50, one round,
 * instead of 7 of at most 32 in two rounds).
 */
function widened(batchSize: number, totalNames: number, parallel: number | undefined): number {
  if (parallel === undefined || parallel < 1) return batchSize;
  return Math.max(batchSize, Math.min(MAX_LOOKUP_BATCH_SIZE, Math.ceil(totalNames / parallel)));
}

/**
 * What decides how a container resolves a name: its networks (the embedded DNS serves per network) and
 * its resolver settings (`dns`, `dns_search`, `dns_opt`, `extra_hosts`, `network_mode`). Two containers
 * with the same key resolve any name alike, but for a hostname one of them chose, which only its own
 * /etc/hosts holds: {@link planLookups} asks that one name in that container alone. A container whose
 * settings are unknown (no HostConfig in inspect) is a group of its own: nothing is assumed.
 */
export function resolverGroupKey(container: ContainerInfo): string {
  const r = container.resolver;
  if (!r) return `alone:${container.id}`;
  const sorted = (values: readonly string[]): string[] => [...values].sort();
  return JSON.stringify([
    r.networkMode,
    sorted(container.networks.map((n) => n.name)),
    r.dns,
    sorted(r.dnsSearch),
    sorted(r.dnsOptions),
    sorted(r.extraHosts),
  ]);
}

/** Whether looking `host` up needs a resolver at all (`localhost` and IP literals do not). */
export function needsLookup(host: string): boolean {
  return !isLocalhost(host) && !isIpLiteral(host);
}

function ownsHostname(container: ContainerInfo, host: string): boolean {
  const hostname = container.resolver?.hostname;
  return hostname !== undefined && normalizeHost(hostname) === normalizeHost(host).replace(/\.$/, '');
}

/**
 * Plans the lookups of a run: requests are grouped by {@link resolverGroupKey}; each group's distinct names
 * are split into even batches of at most `batchSize` (widened to fit `parallel`), one exec each, run in one of
 * the group's consumers. So the number of execs grows with the distinct (group, names) pairs, not with the
 * number of consumers.
 */
export function planLookups(requests: readonly LookupRequest[], options: PlanOptions = {}): LookupBatch[] {
  const batchSize = Math.max(1, options.batchSize ?? LOOKUP_BATCH_SIZE);
  const maxRunners = Math.max(1, options.maxRunners ?? 3);
  const groups = new Map<string, { members: Map<string, ContainerInfo>; names: string[]; requests: LookupRequest[] }>();
  for (const request of requests) {
    const { container, target } = request;
    const base = resolverGroupKey(container);
    const key = ownsHostname(container, target.host) ? `${base}#hostname-of:${container.id}` : base;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { members: new Map(), names: [], requests: [] }));
    group.members.set(container.id, container);
    group.requests.push(request);
    if (needsLookup(target.host) && !group.names.includes(target.host)) group.names.push(target.host);
  }

  const totalNames = [...groups.values()].reduce((sum, group) => sum + group.names.length, 0);
  const size = widened(batchSize, totalNames, options.parallel);
  const batches: LookupBatch[] = [];
  for (const [key, group] of groups) {
    const runners = [...group.members.values()].sort((a, b) => compareNames(a.name, b.name)).slice(0, maxRunners);
    // As many batches as `size` asks for, of even sizes (100 names by 32: 4 of 25, not 32, 32, 32 and 4).
    const count = Math.ceil(group.names.length / size);
    const even = Math.ceil(group.names.length / Math.max(1, count));
    const chunks: string[][] = [];
    for (let i = 0; i < group.names.length; i += even) chunks.push(group.names.slice(i, i + even));
    // Requests that need no lookup ride along with the first batch (or make one with no names).
    if (chunks.length === 0) chunks.push([]);
    chunks.forEach((names, index) => {
      const inBatch = new Set(names);
      batches.push({
        group: key,
        runners,
        names,
        requests: group.requests.filter((r) => (needsLookup(r.target.host) ? inBatch.has(r.target.host) : index === 0)),
      });
    });
  }
  return batches;
}
