import type { Check } from '../../../../../src/main/core/checks/check.ts';
import { publishedPortFacts, type UrlFact } from '../../../../../src/main/core/checks/check-facts.ts';
import { factKey } from '../../../../../src/main/core/checks/fact-store.ts';
import type { Finding } from '../../../../../src/shared/model/index.ts';

/**
 * A check that exists only in this test, written the way a new one would be: one file, its own fact key,
 * and a registration. It asks `GET /health` of every published TCP port of a running service that has no
 * health URL, and reports a degraded body. It reads another check's facts (published-port) to stay silent
 * on ports already reported closed.
 */
export const publishedHealthFacts = factKey<UrlFact>('test:published-health');

export const publishedHealthCheck: Check<Omit<UrlFact, 'probe'>, UrlFact> = {
  id: 'test:published-health',
  key: publishedHealthFacts,
  subjects: (scope) =>
    scope.services.flatMap((service) =>
      service.container?.state === 'running' && !service.healthUrl
        ? service.container.ports
            .filter((p) => p.protocol === 'tcp' && p.hostPort !== undefined)
            .map((p) => ({ service, url: `http://127.0.0.1:${p.hostPort}/health` }))
        : [],
    ),
  run: async ({ service, url }, { net, timeoutMs }) => [{ service, url, probe: await net.httpGet(url, timeoutMs) }],
  failed: ({ service, url }, error, latencyMs) => [
    { service, url, probe: { kind: 'http', target: url, from: 'host', ok: false, latencyMs, error } },
  ],
  findings(facts) {
    const closed = new Set(
      facts
        .get(publishedPortFacts)
        .filter((p) => !p.probe.ok)
        .map((p) => `${p.service.name}|${p.binding.hostPort}`),
    );
    return facts.get(publishedHealthFacts).flatMap(({ service, url, probe }): Finding[] => {
      if (probe.detail?.['healthStatus'] !== 'degraded' || closed.has(`${service.name}|${new URL(url).port}`)) return [];
      return [
        {
          id: 'HEALTH_DEGRADED',
          severity: 'warning',
          subject: `${service.project}/${service.name}`,
          summary: `${url} reports status "degraded"`,
          cause: 'Found without configuration, on a published port.',
          evidence: [probe],
          fix: { description: `Read the health body at ${url}.` },
        },
      ];
    });
  },
  evidence: (facts) => facts.map((fact) => [fact.service, fact.probe] as const),
};
