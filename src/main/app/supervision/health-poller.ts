import type { Disposable } from '../../../shared/lifecycle/disposable.ts';
import type { Clock } from '../../core/ports/clock.port.ts';
import type { NetworkProbePort } from '../../core/ports/network-probe.port.ts';
import { exchangeServiceProtocol, type ServiceProtocol } from '../../core/protocols/service-protocol.exchange.ts';
import type { ServiceObservation } from '../../core/recovery/service-observation.ts';

/** Options of {@link startHealthPoller}. */
export interface HealthPollerOptions {
  /** Between two probes of one service, ms. Default 10000 (as a Kubernetes probe's period). */
  intervalMs?: number;
  /** One probe's timeout, ms. Default 1000. */
  timeoutMs?: number;
}

/**
 * A service probed over HTTP (`healthUrl`), or, for infrastructure without one, in its own protocol on its
 * published port (Redis PING, PostgreSQL SSLRequest, MySQL greeting, AMQP header).
 */
export type PolledService = { name: string; healthUrl: string } | { name: string; protocol: ServiceProtocol; host: string; port: number };

/** What one health body said per component (`checks`), kept for the Recovery view. */
export type HealthChecks = Record<string, unknown>;

/**
 * Probes each service's HTTP health URL on an interval, and `GET /ready` beside it: a 503 there is "not ready yet"
 * (a 404 means the service has no readiness). Each answer becomes observations; the body's `checks` are kept.
 * Infrastructure services are asked in their protocol instead: an answer is `ok`, a server that answers and
 * refuses (Redis loading its dataset, PostgreSQL out of connections) `degraded`, anything else `failed`.
 */
export function startHealthPoller(
  net: NetworkProbePort,
  clock: Clock,
  services: () => readonly PolledService[],
  observe: (obs: ServiceObservation) => void,
  onChecks: (service: string, checks: HealthChecks) => void,
  options: HealthPollerOptions = {},
): Disposable {
  const intervalMs = options.intervalMs ?? 10_000;
  const timeoutMs = options.timeoutMs ?? 1000;
  let stopped = false;
  let timer: Disposable | undefined;

  const probeProtocol = async (s: Extract<PolledService, { protocol: ServiceProtocol }>): Promise<void> => {
    if (!net.exchange) return;
    const probe = await exchangeServiceProtocol({ exchange: net.exchange.bind(net) }, s.protocol, s, { timeoutMs });
    if (stopped) return;
    const result = probe.ok ? 'ok' : probe.detail?.['alive'] === true ? 'degraded' : 'failed';
    observe({ kind: 'health-probe', service: s.name, result, ...(probe.error ? { detail: probe.error.message } : {}) });
  };

  const probeOne = async (s: PolledService): Promise<void> => {
    if (!('healthUrl' in s)) return probeProtocol(s);
    const [health, ready] = await Promise.all([net.httpGet(s.healthUrl, timeoutMs), net.httpGet(readyUrl(s.healthUrl), timeoutMs)]);
    if (stopped) return;
    const body = health.detail?.body as { checks?: unknown } | undefined;
    if (body && typeof body.checks === 'object' && body.checks !== null) onChecks(s.name, body.checks as HealthChecks);
    const readyStatus = ready.detail?.status;
    if (ready.ok) observe({ kind: 'readiness', service: s.name, ready: true });
    else if (readyStatus === 503) observe({ kind: 'readiness', service: s.name, ready: false });
    const degraded = health.detail?.healthStatus === 'degraded';
    const result = !health.ok ? 'failed' : degraded ? 'degraded' : 'ok';
    observe({ kind: 'health-probe', service: s.name, result, ...(health.error ? { detail: health.error.message } : {}) });
  };

  const round = async (): Promise<void> => {
    await Promise.allSettled(services().map(probeOne));
    if (!stopped) timer = clock.setTimeout(() => void round(), intervalMs);
  };
  timer = clock.setTimeout(() => void round(), intervalMs);
  return {
    dispose() {
      stopped = true;
      timer?.dispose();
    },
  };
}

function readyUrl(healthUrl: string): string {
  const url = new URL(healthUrl);
  url.pathname = '/ready';
  url.search = '';
  return url.toString();
}
