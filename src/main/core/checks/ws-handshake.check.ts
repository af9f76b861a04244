import { wsFindings } from '../findings/health.rules.ts';
import type { Check } from './check.ts';
import { failedProbe } from './failed-probe.ts';
import { httpHealthFacts, publishedPortFacts, wsHandshakeFacts, type UrlFact } from './check-facts.ts';
import { urlSubjects } from './url-subjects.ts';

type Subject = Pick<UrlFact, 'service' | 'url'>;

/** WebSocket handshake on each configured `ws` URL. WS_HANDSHAKE_FAILED unless the port is already reported closed. */
export const wsHandshakeCheck: Check<Subject, UrlFact> = {
  id: 'ws-handshake',
  key: wsHandshakeFacts,
  subjects: (scope) => urlSubjects(scope, (service) => service.wsUrl),
  timeoutOf: ({ service }, scope) => scope.timeoutOf(service),
  run: async ({ service, url }, { net, timeoutMs }) => [{ service, url, probe: await net.wsHandshake(url, timeoutMs) }],
  failed: ({ service, url }, error, latencyMs) => [{ service, url, probe: failedProbe('ws', url, 'host', error, latencyMs) }],
  findings: (facts) => wsFindings([...facts.get(wsHandshakeFacts)], [...facts.get(publishedPortFacts)], [...facts.get(httpHealthFacts)]),
  evidence: (facts) => facts.map((fact) => [fact.service, fact.probe] as const),
};
