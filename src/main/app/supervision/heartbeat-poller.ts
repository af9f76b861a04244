import type { Disposable } from '../../../shared/lifecycle/disposable.ts';
import type { HeartbeatVerdict, StackConfig, SupervisionEvent } from '../../../shared/model/index.ts';
import type { Clock } from '../../core/ports/clock.port.ts';
import type { HeartbeatStorePort } from '../../core/ports/heartbeat.port.ts';
import type { Logger } from '../../core/ports/logger.port.ts';
import { readHeartbeats } from '../../core/protocols/heartbeat.reader.ts';
import { parseRedisUrl, type RedisEndpoint } from '../../core/protocols/redis-url.parser.ts';
import type { ServiceObservation } from '../../core/recovery/service-observation.ts';

type HeartbeatEvent = Extract<SupervisionEvent, { type: 'heartbeat' }>;

/** `heartbeats:` of stack-doctor.yaml. */
export type HeartbeatConfig = NonNullable<StackConfig['heartbeats']>;

/** Options of {@link startHeartbeatPoller}. */
export interface HeartbeatPollerOptions {
  /** Between two reads of the store, ms. Default 10000 (the health probe's interval). */
  intervalMs?: number;
  /** Budget of one read, ms. Default 2000. */
  timeoutMs?: number;
}

/** What the poller needs to know of the supervised stack at each read. */
export interface HeartbeatStack {
  /** Whether `service` is a service of the stack whose container runs (only those are observed). */
  running(service: string): boolean;
  /**
   * Whether a heartbeat that is missing or expired may count against `service` yet: false within its start grace
   * (a service just (re)started has not beaten yet; its last beat is from before the restart).
   */
  mayExpire(service: string): boolean;
}

/**
 * Reads the Redis heartbeats (`service:heartbeat:{serviceId}:{appId}`) on an interval and feeds them to recovery as
 * `heartbeat` observations: fresh → healthy/degraded/overloaded, `shutting_down` → leave it alone, missing or older
 * than `maxAgeMs` → expired. The service id is the compose service name. A service is expected to beat when the
 * config lists it, or once it has beaten during this supervision. A `heartbeat` event is emitted when a service's
 * heartbeat changes (not on every read). A store that cannot be read says nothing about the services.
 */
export function startHeartbeatPoller(
  store: HeartbeatStorePort,
  config: HeartbeatConfig,
  clock: Clock,
  stack: HeartbeatStack,
  sinks: { observe(obs: ServiceObservation): void; emit(event: HeartbeatEvent): void; logger: Logger },
  options: HeartbeatPollerOptions = {},
): Disposable {
  const intervalMs = options.intervalMs ?? 10_000;
  const timeoutMs = options.timeoutMs ?? 2000;
  const abort = new AbortController();
  const expected = new Set(config.services ?? []);
  const last = new Map<string, HeartbeatEvent['status']>();
  let storeError: string | undefined;
  let timer: Disposable | undefined;

  const round = async (): Promise<void> => {
    const report = await readHeartbeats(store, clock, {
      ...(config.appId !== undefined ? { appId: config.appId } : {}),
      ...(config.maxAgeMs !== undefined ? { maxAgeMs: config.maxAgeMs } : {}),
      serviceIds: [...expected],
      timeoutMs,
      signal: abort.signal,
    });
    if (abort.signal.aborted) return;
    if (!report.ok) {
      if (report.error?.code !== storeError)
        sinks.logger.warn({ code: report.error?.code, err: report.error?.message }, 'heartbeats not read');
      storeError = report.error?.code;
      return;
    }
    storeError = undefined;
    for (const verdict of report.verdicts) {
      const service = verdict.serviceId;
      if (!stack.running(service)) continue;
      if (verdict.availability === 'available') expected.add(service);
      const status = eventStatus(verdict);
      if (last.get(service) !== status) {
        last.set(service, status);
        sinks.emit({ type: 'heartbeat', service, status, ageMs: verdict.ageMs ?? null, at: clock.date().toISOString() });
      }
      // The event tells what the store says; recovery hears of an expiry only once the start grace is over.
      const observed = statusOf(verdict);
      if (observed !== 'expired' || stack.mayExpire(service)) sinks.observe({ kind: 'heartbeat', service, status: observed });
    }
  };

  const loop = async (): Promise<void> => {
    try {
      await round();
    } catch (error) {
      sinks.logger.warn({ err: String(error) }, 'heartbeat round failed');
    }
    if (!abort.signal.aborted) timer = clock.setTimeout(() => void loop(), intervalMs);
  };
  void loop();
  return {
    dispose() {
      abort.abort();
      timer?.dispose();
    },
  };
}

/** The observation a verdict makes. */
function statusOf(verdict: HeartbeatVerdict): Extract<ServiceObservation, { kind: 'heartbeat' }>['status'] {
  if (verdict.availability === 'leave-alone') return 'shutting_down';
  if (verdict.availability === 'unavailable' || verdict.status === undefined || verdict.status === 'shutting_down') return 'expired';
  return verdict.status;
}

/** The event's status: what the service said when fresh, else why it is unavailable. */
function eventStatus(verdict: HeartbeatVerdict): HeartbeatEvent['status'] {
  if (verdict.availability === 'available' && verdict.status) return verdict.status;
  if (verdict.availability === 'leave-alone') return 'shutting_down';
  return verdict.reason === 'fresh' || verdict.reason === 'shutting-down' ? 'invalid' : verdict.reason;
}

/**
 * The heartbeat source of a stack whose config has `heartbeats:`: its Redis URL parsed (an invalid one is logged,
 * without the password, and nothing is read), the store made by `makeStore` (the real Redis adapter in the app).
 */
export function startHeartbeats(
  config: HeartbeatConfig,
  makeStore: (endpoint: RedisEndpoint) => HeartbeatStorePort,
  clock: Clock,
  stack: HeartbeatStack,
  sinks: { observe(obs: ServiceObservation): void; emit(event: HeartbeatEvent): void; logger: Logger },
  options: HeartbeatPollerOptions = {},
): Disposable | undefined {
  const parsed = parseRedisUrl(config.redisUrl);
  if (!parsed.ok) {
    sinks.logger.error(
      { code: parsed.error.code, err: parsed.error.message },
      'heartbeats: the Redis URL of stack-doctor.yaml is not usable',
    );
    return undefined;
  }
  sinks.logger.info({ redis: parsed.endpoint.display, appId: config.appId }, 'supervision: reading heartbeats');
  return startHeartbeatPoller(makeStore(parsed.endpoint), config, clock, stack, sinks, options);
}
