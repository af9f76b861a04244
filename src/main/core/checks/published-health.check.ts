import type { PortBinding, ProbeResult, StackService } from '../../../shared/model/index.ts';
import { publishedHealthFindings } from '../findings/published-health.rules.ts';
import type { Check } from './check.ts';
import { publishedPortFacts } from './check-facts.ts';
import { factKey } from './fact-store.ts';

interface Subject {
  service: StackService;
  binding: PortBinding & { hostPort: number };
}

/** What the published-health check learnt about one published port. */
export interface PublishedHealthFact {
  service: StackService;
  binding: PortBinding & { hostPort: number };
  /** The health URL asked last (`/health`, or the compose healthcheck's path when `/health` is not found). */
  url: string;
  /**
   * The HTTP probe to show and judge: a health endpoint answered (2xx, 5xx, a `status` body), or an HTTP port
   * accepted and never answered. Null when the port was left alone (`note` says why): no finding, no evidence.
   */
  probe: ProbeResult | null;
  /** Why a port was left alone: `speaks redis`, `no health endpoint (HTTP 404)`, `dropped (PEER_CLOSED)`… */
  note: string;
}

export const publishedHealthFacts = factKey<PublishedHealthFact>('published-health');

/**
 * Container ports of databases that log or count every foreign handshake (PostgreSQL logs "invalid length of
 * startup packet", MySQL blocks a host after `max_connect_errors`): left alone without sending them a byte.
 * Anything else is asked, and the sniff tells HTTP from the rest.
 */
const DATABASE_PORTS = new Set([1433, 1521, 3306, 5432]);

const HEALTH_PATH = '/health';

/** Published on every interface (or unspecified): ask over loopback. */
function hostFor(hostIp: string | undefined): string {
  if (!hostIp || hostIp === '0.0.0.0' || hostIp === '::') return '127.0.0.1';
  return hostIp;
}

function origin(binding: Subject['binding']): string {
  const host = hostFor(binding.hostIp);
  return `http://${host.includes(':') ? `[${host}]` : host}:${binding.hostPort}`;
}

/** What an HTTP answer means for a port nobody configured: a finding's matter, or no health endpoint here. */
function reportable(probe: ProbeResult): boolean {
  const status = probe.detail?.['status'];
  const body = probe.detail?.['healthStatus'];
  return (
    probe.ok ||
    body === 'degraded' ||
    body === 'unhealthy' ||
    probe.error?.code === 'TIMEOUT' ||
    (typeof status === 'number' && status >= 500)
  );
}

/**
 * Health without configuration (issue 9 §3): every published TCP port of a running service that has no
 * configured health URL is asked `GET /health`. One connection first tells what speaks there (the sniff): a
 * database or broker is left alone; an HTTP server that accepts and never answers is HTTP_HEALTH_FAILED. An
 * HTTP port then gets a real GET: 2xx is healthy, a `status: degraded|unhealthy` body HEALTH_DEGRADED, a 5xx
 * HTTP_HEALTH_FAILED; a 404 means "no health endpoint here" and the compose healthcheck's path (`curl -f
 * http://localhost:8080/healthz`) is tried instead, when it names this port. Other 4xx and 3xx: no finding.
 * Runs only when the network port can sniff (`NetworkProbePort.sniff`).
 */
export const publishedHealthCheck: Check<Subject, PublishedHealthFact> = {
  id: 'published-health',
  key: publishedHealthFacts,
  subjects: (scope) =>
    scope.services.flatMap((service) => {
      const container = service.container;
      // A configured health URL wins: http-health asks it, with the configured semantics.
      if (container?.state !== 'running' || service.healthUrl !== undefined) return [];
      return container.ports
        .filter((binding): binding is Subject['binding'] => binding.hostPort !== undefined && binding.protocol.toLowerCase() === 'tcp')
        .map((binding) => ({ service, binding }));
    }),
  timeoutOf: ({ service }, scope) => scope.timeoutOf(service),
  async run({ service, binding }, { net, timeoutMs }) {
    const fact = (url: string, probe: ProbeResult | null, note: string): PublishedHealthFact[] => [{ service, binding, url, probe, note }];
    const healthUrl = `${origin(binding)}${HEALTH_PATH}`;
    if (DATABASE_PORTS.has(binding.containerPort)) return fact(healthUrl, null, `database port ${binding.containerPort}, not asked`);
    if (!net.sniff) return fact(healthUrl, null, 'not asked: this network port cannot tell HTTP from other protocols');

    const sniff = await net.sniff(hostFor(binding.hostIp), binding.hostPort, HEALTH_PATH, timeoutMs);
    if (!sniff.ok) {
      const code = sniff.error?.code ?? 'ERROR';
      // Connected and silent: an HTTP server that hangs (nothing that greets first stays silent on a GET).
      if (code === 'TIMEOUT' && sniff.detail?.['connected'] === true) {
        const message = `${sniff.target} accepts connections but did not answer GET ${HEALTH_PATH} within ${timeoutMs} ms`;
        const probe: ProbeResult = {
          kind: 'http',
          target: healthUrl,
          from: 'host',
          ok: false,
          latencyMs: sniff.latencyMs,
          error: { code, message },
        };
        return fact(healthUrl, probe, 'accepts and never answers');
      }
      // Refused, dropped or unreachable: the published-port check reports the port itself.
      return fact(healthUrl, null, `no answer (${code})`);
    }
    if (sniff.detail?.['http'] !== true)
      return fact(healthUrl, null, `speaks ${String(sniff.detail?.['speaks'] ?? 'something else')}, not HTTP`);

    const check = service.healthcheckHttp;
    const url =
      sniff.detail['status'] === 404 && check && check.containerPort === binding.containerPort && check.path !== HEALTH_PATH
        ? `${origin(binding)}${check.path}`
        : healthUrl;
    if (url === healthUrl && sniff.detail['status'] === 404) return fact(url, null, 'no health endpoint (HTTP 404)');
    const probe = await net.httpGet(url, Math.max(1, Math.round(timeoutMs - sniff.latencyMs)));
    return reportable(probe)
      ? fact(url, probe, 'health endpoint')
      : fact(url, null, `no health endpoint (${probe.error?.code ?? 'no answer'})`);
  },
  failed: ({ service, binding }, error) => [
    { service, binding, url: `${origin(binding)}${HEALTH_PATH}`, probe: null, note: `not checked (${error.code})` },
  ],
  findings: (facts) =>
    publishedHealthFindings(
      facts.get(publishedHealthFacts).flatMap(({ service, url, probe }) => (probe ? [{ service, url, probe }] : [])),
      [...facts.get(publishedPortFacts)],
    ),
  evidence: (facts) => facts.flatMap((fact) => (fact.probe ? [[fact.service, fact.probe] as const] : [])),
};
