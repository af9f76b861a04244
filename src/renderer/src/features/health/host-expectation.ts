import type { Diagnosis, MatrixTarget, ProbeResult, Reachability, TargetAttempt } from '../../../../shared/model/index.ts';

/**
 * How a result reads to the user: `ok`, `failed` (a red ✗, something to fix) or `expected` — a host-side
 * result that fails by design (a docker alias does not resolve outside Docker's networks), shown neutral.
 */
export type ResultStatus = 'ok' | 'expected' | 'failed';

/** A status and, for `expected`, the one-line reason shown next to it. */
export interface Classified {
  status: ResultStatus;
  reason?: string;
}

/**
 * The mark the diagnosis puts in a truth-matrix host note when the failure is expected
 * (`ENOTFOUND (docker alias: expected from the host)`, core/diagnosis/truth-matrix.ts). The model has no
 * structured field for it yet, so the note is read once per diagnosis, together with the names below.
 */
const EXPECTED_MARK = 'expected from the host';

/** Resolver answers: the name itself did not resolve, so nothing behind it could be reached. */
const RESOLVER_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'ENODATA', 'ESERVFAIL', 'ENONAME']);

/** Docker-only names of one diagnosis, built once and consulted per probe in O(1). */
export interface HostExpectations {
  /** Names that only Docker's embedded DNS answers: service and container names, network aliases, marked hosts. */
  dockerNames: ReadonlySet<string>;
  /** Docker names the host's resolver could not resolve in this run. */
  unresolvedFromHost: ReadonlySet<string>;
}

/** The host of `host:port`, `[v6]:port`, or a URL; the input itself when it is a bare name. */
export function hostOf(target: string): string {
  if (target.includes('://')) {
    try {
      return new URL(target).hostname;
    } catch {
      return target;
    }
  }
  const bracket = /^\[([^\]]+)\](?::\d+)?$/.exec(target);
  if (bracket) return bracket[1]!;
  const colon = target.lastIndexOf(':');
  return colon > 0 && target.indexOf(':') === colon ? target.slice(0, colon) : target;
}

/**
 * Collects the names a docker alias can have in this diagnosis — the same set the diagnosis treats as
 * aliases (service names, container names, network aliases) plus every host the matrix marks as expected
 * (that covers aliases only the configuration lists) — and which of them failed to resolve from the host.
 */
export function hostExpectations(diagnosis: Pick<Diagnosis, 'services' | 'projects' | 'orchestrator'>): HostExpectations {
  const dockerNames = new Set<string>();
  for (const service of diagnosis.services) {
    dockerNames.add(service.name);
    const container = service.container;
    if (!container) continue;
    dockerNames.add(container.name);
    for (const network of container.networks) for (const alias of network.aliases) dockerNames.add(alias);
  }
  for (const project of diagnosis.projects)
    for (const target of project.targets) if (target.fromHost.note.includes(EXPECTED_MARK)) dockerNames.add(target.host);
  if (diagnosis.orchestrator.hostIsAlias) dockerNames.add(hostOf(diagnosis.orchestrator.configuredUrl));

  const unresolvedFromHost = new Set<string>();
  for (const service of diagnosis.services)
    for (const probe of service.probes)
      if (probe.kind === 'dns-host' && !probe.ok && dockerNames.has(probe.target)) unresolvedFromHost.add(probe.target);
  for (const project of diagnosis.projects)
    for (const target of project.targets)
      if (target.fromHost.resolves === false && dockerNames.has(target.host)) unresolvedFromHost.add(target.host);
  return { dockerNames, unresolvedFromHost };
}

/** The one line shown with an expected result (the error code stays visible next to it). */
export function aliasReason(host: string): string {
  return `${host} is a docker alias: only containers on the stack's networks can resolve it, not the host`;
}

/** True when a host-side failure only says "this docker alias does not resolve out here". */
function isExpectedFromHost(host: string, code: string | undefined, expectations: HostExpectations): boolean {
  if (!expectations.dockerNames.has(host)) return false;
  // The alias resolved from here (e.g. /etc/hosts) yet did not answer: a real failure, not the expected one.
  return expectations.unresolvedFromHost.has(host) || (code !== undefined && RESOLVER_CODES.has(code));
}

/**
 * A probe's status. Only host-side lookups and connects can be expected failures: anything run inside a
 * container, or an HTTP/WS probe (always to a published, host-reachable URL), fails for real.
 */
export function classifyProbe(probe: ProbeResult, expectations: HostExpectations): Classified {
  if (probe.ok) return { status: 'ok' };
  if (probe.from !== 'host' || (probe.kind !== 'dns-host' && probe.kind !== 'tcp')) return { status: 'failed' };
  const host = probe.kind === 'dns-host' ? probe.target : hostOf(probe.target);
  const code = probe.error?.code;
  if (probe.kind === 'dns-host' ? expectations.dockerNames.has(host) : isExpectedFromHost(host, code, expectations))
    return { status: 'expected', reason: aliasReason(host) };
  return { status: 'failed' };
}

/** The matrix's "from the host" cell: a docker alias that does not resolve from here is expected. */
export function classifyHostReach(
  target: Pick<MatrixTarget, 'host'> & { fromHost: Reachability },
  expectations: HostExpectations,
): Classified {
  const reach = target.fromHost;
  if (reach.resolves === false && expectations.dockerNames.has(target.host))
    return { status: 'expected', reason: aliasReason(target.host) };
  if (reach.resolves === false || reach.answers === false) return { status: 'failed' };
  return { status: 'ok' };
}

/** An orchestrator attempt: the DNS step of a docker-alias URL failing from the host is the expected first step. */
export function classifyAttempt(attempt: TargetAttempt, expectations: HostExpectations): Classified {
  if (attempt.result.ok) return { status: 'ok' };
  if (attempt.step !== 'dns' || attempt.result.from !== 'host') return { status: 'failed' };
  const host = hostOf(attempt.url);
  if (!expectations.dockerNames.has(host)) return { status: 'failed' };
  return { status: 'expected', reason: aliasReason(host) };
}
