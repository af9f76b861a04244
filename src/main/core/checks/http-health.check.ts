import { healthFindings } from '../findings/health.rules.ts';
import type { Check } from './check.ts';
import { failedProbe } from './failed-probe.ts';
import { httpHealthFacts, publishedPortFacts, wsHandshakeFacts, type UrlFact } from './check-facts.ts';
import { urlSubjects } from './url-subjects.ts';

type Subject = Pick<UrlFact, 'service' | 'url'>;

/**
 * HTTP health: GET each service's health URL (configured, or derived from a published port other services
 * call). HTTP_HEALTH_FAILED / HEALTH_DEGRADED, unless the port itself is already reported closed.
 */
export const httpHealthCheck: Check<Subject, UrlFact> = {
  id: 'http-health',
  key: httpHealthFacts,
  subjects: (scope) => urlSubjects(scope, (service) => service.healthUrl),
  timeoutOf: ({ service }, scope) => scope.timeoutOf(service),
  run: async ({ service, url }, { net, timeoutMs }) => [{ service, url, probe: await net.httpGet(url, timeoutMs) }],
  failed: ({ service, url }, error, latencyMs) => [{ service, url, probe: failedProbe('http', url, 'host', error, latencyMs) }],
  findings: (facts) =>
    healthFindings([...facts.get(httpHealthFacts)], [...facts.get(publishedPortFacts)], [...facts.get(wsHandshakeFacts)]),
  evidence: (facts) => facts.map((fact) => [fact.service, fact.probe] as const),
};
