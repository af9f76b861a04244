import type { ContainerInfo, PortBinding, StackService } from '../../../shared/model/index.ts';
import { portClosedFindings, portNotPublishedFindings } from '../findings/port.rules.ts';
import type { Check } from './check.ts';
import { failedProbe } from './failed-probe.ts';
import { httpHealthFacts, publishedPortFacts, wsHandshakeFacts, type PortFact } from './check-facts.ts';
import { hostPortKey } from './target-subjects.ts';

interface Subject {
  service: StackService;
  container: ContainerInfo;
  binding: PortBinding & { hostPort: number };
}

/** Published on every interface (or unspecified): connect over loopback. */
function connectHost(hostIp: string | undefined): string {
  return !hostIp || hostIp === '0.0.0.0' || hostIp === '::' ? '127.0.0.1' : hostIp;
}

/**
 * Every published TCP port of a running container, connected to from where Stack Doctor runs. Findings:
 * PORT_CLOSED (also when an HTTP/WS probe on that port was dropped unanswered) and PORT_NOT_PUBLISHED (a
 * called container port the host cannot reach; no probe needed).
 */
export const publishedPortCheck: Check<Subject, PortFact> = {
  id: 'published-port',
  key: publishedPortFacts,
  subjects: (scope) =>
    scope.services.flatMap((service) => {
      const container = service.container;
      if (container?.state !== 'running') return [];
      return container.ports
        .filter((binding): binding is Subject['binding'] => binding.hostPort !== undefined && binding.protocol === 'tcp')
        .map((binding) => ({ service, container, binding }));
    }),
  timeoutOf: ({ service }, scope) => scope.timeoutOf(service),
  async run({ service, binding }, { net, timeoutMs }) {
    const probe = await net.tcpConnect(connectHost(binding.hostIp), binding.hostPort, timeoutMs);
    return [{ service, binding, probe }];
  },
  failed: ({ service, binding }, error, latencyMs) => [
    {
      service,
      binding,
      probe: failedProbe('tcp', hostPortKey(connectHost(binding.hostIp), binding.hostPort), 'host', error, latencyMs),
    },
  ],
  findings(facts, scope) {
    const urls = [...facts.get(httpHealthFacts), ...facts.get(wsHandshakeFacts)];
    return [
      ...portClosedFindings([...facts.get(publishedPortFacts)], urls),
      ...(scope.engine.ok
        ? portNotPublishedFindings({ services: [...scope.services], orchestratorHost: hostOf(scope.orchestrator.configuredUrl) })
        : []),
    ];
  },
  evidence: (facts) => facts.map((fact) => [fact.service, fact.probe] as const),
};

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}
