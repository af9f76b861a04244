import { fixOf, inlineCommand } from '../../../shared/command/fix-command.ts';
import type { Finding, LookAction, PortBinding, ProbeResult, StackService } from '../../../shared/model/index.ts';
import { refusedFix, refusedName } from '../findings/refused-names.ts';
import { serviceLabel } from '../findings/service-names.ts';
import { acceptedButUnanswered, exchangeServiceProtocol, type ServiceProtocol } from '../protocols/service-protocol.exchange.ts';
import type { Check } from './check.ts';
import { publishedPortFacts } from './check-facts.ts';
import { factKey } from './fact-store.ts';
import { failedProbe } from './failed-probe.ts';
import { loopbackFor, protocolSubjects, type ProtocolBinding } from './protocol-services.ts';

type Subject = ProtocolBinding & { service: StackService };

/** What the protocol-health check learnt about one published port of an infrastructure service. */
export interface ProtocolHealthFact {
  service: StackService;
  binding: PortBinding & { hostPort: number };
  protocol: ServiceProtocol;
  probe: ProbeResult;
}

export const protocolHealthFacts = factKey<ProtocolHealthFact>('protocol-health');

const NAMES: Record<ServiceProtocol, { server: string; question: string }> = {
  redis: { server: 'Redis', question: 'PING' },
  postgres: { server: 'PostgreSQL', question: 'the SSLRequest' },
  mysql: { server: 'MySQL/MariaDB', question: 'with a server greeting' },
  amqp: { server: 'AMQP broker', question: 'the AMQP protocol header' },
};

/**
 * Infrastructure by protocol rather than a bare TCP connect (issue 10 §1): each published port of a running
 * service that speaks Redis, PostgreSQL, MySQL/MariaDB or AMQP (by its well-known container port, or its image
 * for its only published port) is asked in that protocol, without credentials, from where Stack Doctor runs.
 * Finding: PROTOCOL_UNANSWERED when the port accepts the connection but the server does not answer its protocol
 * (silent, hangs up, or says something else); a refused or dropped port is PORT_CLOSED's, not this one's. Runs
 * only when the network port can exchange raw bytes (`NetworkProbePort.exchange`). Note for MySQL/MariaDB: a server
 * with its host cache on counts a connection dropped during the handshake toward `max_connect_errors` (from the
 * Docker gateway address, through docker-proxy); a successful login from there resets the count.
 */
export const protocolHealthCheck: Check<Subject, ProtocolHealthFact> = {
  id: 'protocol-health',
  key: protocolHealthFacts,
  subjects: (scope) => protocolSubjects(scope.services),
  timeoutOf: ({ service }, scope) => scope.timeoutOf(service),
  async run({ service, binding, protocol }, { net, timeoutMs }) {
    if (!net.exchange) return [];
    const wire = { exchange: net.exchange.bind(net) };
    const probe = await exchangeServiceProtocol(
      wire,
      protocol,
      { host: loopbackFor(binding.hostIp), port: binding.hostPort },
      { timeoutMs },
    );
    return [{ service, binding, protocol, probe }];
  },
  failed: ({ service, binding, protocol }, error, latencyMs) => [
    {
      service,
      binding,
      protocol,
      probe: failedProbe(protocol, `${loopbackFor(binding.hostIp)}:${binding.hostPort}`, 'host', error, latencyMs),
    },
  ],
  findings: (facts) => protocolUnansweredFindings(facts.get(protocolHealthFacts), facts.get(publishedPortFacts)),
  evidence: (facts) => facts.map((fact) => [fact.service, fact.probe] as const),
};

/** PROTOCOL_UNANSWERED for each port that accepted and did not answer, unless its TCP probe already failed (PORT_CLOSED). */
export function protocolUnansweredFindings(
  facts: readonly ProtocolHealthFact[],
  ports: readonly { service: StackService; binding: PortBinding; probe: ProbeResult }[],
): Finding[] {
  return facts.flatMap(({ service, binding, protocol, probe }) => {
    if (!acceptedButUnanswered(probe)) return [];
    const tcp = ports.find(
      (p) => p.service === service && p.binding.hostPort === binding.hostPort && p.binding.containerPort === binding.containerPort,
    );
    if (tcp && !tcp.probe.ok) return [];
    const { server, question } = NAMES[protocol];
    const name = service.container?.name ?? service.name;
    return [
      {
        id: 'PROTOCOL_UNANSWERED',
        severity: 'error',
        subject: serviceLabel(service),
        summary: `${probe.target} (${name}, container port ${binding.containerPort}) accepts connections but does not answer as ${server}`,
        cause: `${probe.error?.code ?? 'ERROR'}: ${probe.error?.message ?? 'no answer'}. The port is open, so a bare TCP check passes, but the ${server} behind it did not answer ${question}: it is hung, paused, overloaded, or something else listens there.`,
        evidence: [...(tcp ? [tcp.probe] : []), probe],
        fix: unansweredFix(name),
      } satisfies Finding,
    ];
  });
}

function unansweredFix(container: string): ReturnType<typeof fixOf> {
  const refused = refusedName(['container', container]);
  if (refused) return refusedFix(refused);
  const logs: LookAction = { kind: 'show-logs', params: { container, tail: 50 } };
  return fixOf({
    description: `Read ${inlineCommand(logs)} for why the server stopped answering (a pause, a full disk, a long load); restart it if it stays silent.`,
    look: logs,
    action: { kind: 'restart-container', params: { container } },
  });
}
