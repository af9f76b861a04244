import { fixOf, inlineCommand } from '../../../shared/command/fix-command.ts';
import type { Finding, Fix, LookAction, StackService } from '../../../shared/model/index.ts';
import type { PortFact, UrlFact } from '../checks/check-facts.ts';
import { closedPorts } from './closed-ports.ts';
import { refusedFix, refusedName } from './refused-names.ts';
import { serviceForHost, serviceLabel } from './service-names.ts';

/**
 * PORT_CLOSED: a running container publishes a port and nothing answers on it from here: the TCP connect
 * fails, or the port accepts and drops the connection (docker-proxy with no listener behind it), seen by
 * the TCP probe or by an HTTP/WS probe of the service on that port (`urls`).
 */
export function portClosedFindings(ports: PortFact[], urls: UrlFact[] = []): Finding[] {
  return closedPorts(ports, urls).map(({ check: { service, binding, probe }, evidence, dropped }) => {
    const name = service.container?.name ?? service.name;
    const failure = evidence.find((p) => !p.ok) ?? probe;
    const inside = `nothing accepts on port ${binding.containerPort} inside it, or the process listens on 127.0.0.1 only inside the container`;
    return {
      id: 'PORT_CLOSED',
      severity: 'error',
      subject: serviceLabel(service),
      summary: `${probe.target} (published by ${name}, container port ${binding.containerPort}) ${dropped ? 'accepts connections but drops them unanswered' : 'refuses connections'}`,
      cause: dropped
        ? `${failure.error?.code ?? 'ERROR'}: ${failure.error?.message ?? 'connection dropped'}. The host port is bound (Docker's proxy accepted the connection) but the connection into the container was dropped: the container runs but ${inside}.`
        : `${failure.error?.code ?? 'ERROR'}: ${failure.error?.message ?? 'no answer'}. The container runs but ${inside}.`,
      evidence,
      fix: listenFix(name, binding.containerPort),
    } satisfies Finding;
  });
}

export interface PortPublishFacts {
  services: StackService[];
  /** Host of the configured orchestrator URL: its port must be published for the localhost fallback. */
  orchestratorHost: string | null;
}

/**
 * PORT_NOT_PUBLISHED: a target's container port has no host binding, so nothing on the host reaches it.
 * Warning for the orchestrator (the localhost fallback needs it), info for other targets (often intended).
 */
export function portNotPublishedFindings({ services, orchestratorHost }: PortPublishFacts): Finding[] {
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const consumer of services) {
    for (const target of consumer.targets) {
      const provider = serviceForHost(services, target.host);
      const container = provider?.container;
      if (!provider || !container || container.state !== 'running') continue;
      if (container.ports.some((p) => p.containerPort === target.port && p.hostPort !== undefined)) continue;
      const key = `${container.name}:${target.port}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const forOrchestrator = orchestratorHost !== null && target.host === orchestratorHost;
      findings.push({
        id: 'PORT_NOT_PUBLISHED',
        severity: forOrchestrator ? 'warning' : 'info',
        subject: serviceLabel(provider),
        summary: `${container.name} does not publish port ${target.port} to the host`,
        cause: `${serviceLabel(consumer)} calls ${target.url}; containers on the same network reach it, but from the host nothing is bound to container port ${target.port}${forOrchestrator ? ', so the http://localhost fallback cannot reach the orchestrator' : ''}.`,
        evidence: [],
        fix: publishFix(provider, container.name, target.port),
      });
    }
  }
  return findings;
}

/** Make the process listen, after reading its logs; then restart it (the action a repair may take). */
function listenFix(container: string, port: number): Fix {
  const refused = refusedName(['container', container]);
  if (refused) return refusedFix(refused);
  const logs: LookAction = { kind: 'show-logs', params: { container, tail: 50 } };
  return fixOf({
    description: `Make the process in ${container} listen on 0.0.0.0:${port}; check ${inlineCommand(logs)} for a startup error, then restart it.`,
    look: logs,
    action: { kind: 'restart-container', params: { container } },
  });
}

/** The compose edit that publishes `port` on loopback: the user's to make (a `publish-port` action). */
function publishFix(provider: StackService, container: string, port: number): Fix {
  const refused = refusedName(['project', provider.project], ['service', provider.name], ['container', container]);
  if (refused) return refusedFix(refused);
  return fixOf({
    description: `If the host needs it, publish it on loopback in the compose file: \`ports: ["127.0.0.1:${port}:${port}"]\` under ${provider.name}, then ${inlineCommand(['docker', 'compose', 'up', '-d', provider.name])}.`,
    action: { kind: 'publish-port', params: { project: provider.project, service: provider.name, container, containerPort: port } },
  });
}
