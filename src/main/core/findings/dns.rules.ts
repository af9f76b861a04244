import { fixOf, inlineCommand } from '../../../shared/command/fix-command.ts';
import {
  nameProblem,
  type ChangeAction,
  type Finding,
  type Fix,
  type ProbeResult,
  type StackService,
} from '../../../shared/model/index.ts';
import type { ContainerDnsFact } from '../checks/check-facts.ts';
import { refusedFix, refusedName } from './refused-names.ts';
import { isLoopbackHost, serviceForHost, serviceLabel } from './service-names.ts';

/**
 * DNS_UNRESOLVABLE_FROM_CONTAINER: a running consumer cannot resolve a host it is configured to call.
 * Skipped when the service behind the host exists but is not running: CONTAINER_EXITED is the root cause.
 */
export function containerDnsFindings(checks: ContainerDnsFact[], services: StackService[]): Finding[] {
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const check of checks) {
    if (check.reachability.resolves !== false) continue;
    const key = `${check.container.name}\u0000${check.target.host}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const provider = serviceForHost(services, check.target.host);
    if (provider && provider.container?.state !== 'running') continue;
    findings.push(unresolvableFinding(check));
  }
  return findings;
}

function unresolvableFinding(check: ContainerDnsFact): Finding {
  const { service, container, target, topology } = check;
  const consumer = container.name;
  const network = topology.reachableOn[0];
  const on = container.networks.map((n) => n.name).join(', ') || 'no network';
  const base = {
    id: 'DNS_UNRESOLVABLE_FROM_CONTAINER' as const,
    severity: 'error' as const,
    subject: serviceLabel(service),
    summary: `${consumer} cannot resolve ${target.host} (${target.source} = ${target.url})`,
    evidence: [check.probe],
  };
  if (!network) {
    return {
      ...base,
      cause: `No container on any network answers to "${target.host}", so Docker's DNS has nothing to return (${check.reachability.note}).`,
      fix: {
        description: `Start the service that should answer to "${target.host}", or correct ${target.source} in ${consumer}'s configuration.`,
      },
    };
  }
  const cause = `"${target.host}" lives on network ${network}${topology.via ? ` (container ${topology.via.container})` : ''}, but ${consumer} is only on ${on}; Docker's embedded DNS answers a name only to containers on the same user-defined network (${check.reachability.note}).`;
  const refused = refusedName(['container', consumer], ['network', network]);
  if (refused) return { ...base, cause, fix: refusedFix(refused) };
  const connect: ChangeAction = {
    kind: 'network-connect',
    params: { network, container: consumer, ...(nameProblem('host', target.host) ? {} : { alias: target.host }) },
  };
  // The compose snippet names the service: with a name compose would refuse, there is no snippet to give.
  const lasting = nameProblem('service', service.name) ? undefined : lastingNetworkFix(service, network);
  return {
    ...base,
    cause,
    fix: fixOf({
      description: `Connect ${consumer} to ${network} now: ${inlineCommand(connect)} (lost when the container is recreated).`,
      action: connect,
      ...(lasting ? { lasting } : {}),
    }),
  };
}

/** The compose (or devcontainer.json) change that keeps the consumer on the provider's network. */
function lastingNetworkFix(service: StackService, network: string): string {
  // Keep the networks it is on (compose keys drop the `<project>_` prefix), then add the provider's.
  const prefix = `${service.project}_`;
  const current = (service.container?.networks ?? [])
    .map((n) => (n.name.startsWith(prefix) ? n.name.slice(prefix.length) : n.name))
    .filter((n) => n !== network && n !== 'bridge');
  const keep = current.length > 0 ? current : ['default'];
  const compose = [
    `services:`,
    `  ${service.name}:`,
    `    networks:`,
    ...keep.map((n) => `      - ${n}`),
    `      - ${network}`,
    `networks:`,
    `  ${network}:`,
    `    external: true`,
  ].join('\n');
  const intro =
    service.role === 'devcontainer'
      ? `Keep the dev container on ${network}: in devcontainer.json add "runArgs": ["--network=${network}"] (image/Dockerfile devcontainers), or for a compose-based devcontainer add the network as external to its service:`
      : `Add ${network} as an external network of ${service.name} in its compose file (or put both services on one shared network):`;
  return `${intro}\n${compose}`;
}

export interface HostDnsFacts {
  services: StackService[];
  /** DNS-from-here results by host. */
  hostDns: Map<string, ProbeResult>;
  /** Docker aliases the stack defines or config lists: expected not to resolve from the host. */
  aliases: string[];
}

/**
 * DNS_UNRESOLVABLE_FROM_HOST, only where it matters: a real (non-alias) host name that the resolver here
 * cannot resolve. A docker alias failing here is expected and is shown in the truth matrix, not as a finding.
 */
export function hostDnsFindings({ services, hostDns, aliases }: HostDnsFacts): Finding[] {
  const aliasSet = new Set(aliases);
  const findings: Finding[] = [];
  for (const [host, probe] of hostDns) {
    if (probe.ok || aliasSet.has(host) || isLoopbackHost(host) || serviceForHost(services, host)) continue;
    const consumers = services.filter((s) => s.targets.some((t) => t.host === host)).map(serviceLabel);
    findings.push({
      id: 'DNS_UNRESOLVABLE_FROM_HOST',
      severity: 'warning',
      subject: host,
      summary: `${host} does not resolve from here`,
      cause: `The OS resolver answered ${probe.error?.code ?? 'nothing'} for ${host}${consumers.length > 0 ? `, which ${consumers.join(', ')} ${consumers.length === 1 ? 'is' : 'are'} configured to call` : ''}. It is not a docker alias of this stack, so it should resolve outside Docker too.`,
      evidence: [probe],
      fix: hostLookFix(host),
    });
  }
  return findings;
}

/** `getent hosts H` to see what the resolver says, or why not when H cannot be a host name. */
function hostLookFix(host: string): Fix {
  const refused = refusedName(['host', host]);
  if (refused) return refusedFix(refused);
  return fixOf({
    description: `Check the spelling of ${host} in the configuration, your DNS/VPN, or add it to /etc/hosts if it is a local name.`,
    look: { kind: 'resolve-host', params: { host } },
  });
}
