import { describe, expect, it } from 'vitest';
import type { SupervisorDeps } from '../../../src/main/app/create-supervisor-service.ts';
import type { WireOutcome, WireRequest } from '../../../src/main/core/ports/wire-exchange.port.ts';
import type { RecoverySnapshot, ServiceReport, StackConfig, SupervisionEvent } from '../../../src/shared/model/index.ts';
import { FakeWire, type FakePeer } from '../core/protocols/fake-wire.ts';
import { runningContainer } from '../support/container-info.ts';
import { FakeHeartbeatStore, supervisorHarness } from './supervisor-harness.ts';

const service = (name: string, over: Partial<ServiceReport['container']> = {}): ServiceReport => ({
  name,
  project: 'shop',
  role: 'service',
  dependsOn: [],
  probes: [],
  container: runningContainer({ id: `c-${name}`, name: `shop-${name}-1`, ...over }),
});

/** The event of `service` entering `state`, if any. */
const entered = (events: SupervisionEvent[], service: string, state: string) =>
  events.find((e) => e.type === 'service-state' && e.service === service && e.state === state);

const EPOCH = Date.parse('2026-01-01T00:00:00Z');
/** A heartbeat written `ageMs` before the fake clock's `nowMs`. */
const beat = (svc: string, status: string, nowMs: number, ageMs = 0) => ({
  key: `service:heartbeat:${svc}:shop-app`,
  value: JSON.stringify({ status, timestamp: new Date(EPOCH + nowMs - ageMs).toISOString() }),
});

const heartbeatConfig = (extra: Partial<NonNullable<StackConfig['recovery']>> = {}): StackConfig => ({
  heartbeats: { redisUrl: 'redis://:s3cret@127.0.0.1:6390/0', appId: 'shop-app' },
  recovery: { probeIntervalMs: 1000, defaults: { startGraceMs: 5000 }, ...extra },
});

describe('supervisor: recovery settings from stack-doctor.yaml', () => {
  it('applies recovery.parallelism and recovery.defaults (and a service policy over them)', async () => {
    const h = supervisorHarness({
      services: [service('web'), service('api')],
      config: { recovery: { parallelism: 3, defaults: { maxAttempts: 7, initialDelayMs: 250 }, services: { api: { maxAttempts: 2 } } } },
    });
    expect(h.supervisor.status().recovery.parallelism).toBe(2); // before start: the built-in default
    await h.supervisor.start();
    const status = h.supervisor.status();
    expect(status.recovery.parallelism).toBe(3);
    expect(status.policies['web']).toMatchObject({ maxAttempts: 7, initialDelayMs: 250, strategy: 'exponential' });
    expect(status.policies['api']).toMatchObject({ maxAttempts: 2, initialDelayMs: 250 });
    expect(h.stateOf('web')).toMatchObject({ maxAttempts: 7 });
    await h.supervisor.dispose();
  });

  it('the stored history survives the start with the stack settings, and a supervisor never started saves nothing', async () => {
    const entry = {
      at: '2025-12-31T00:00:00.000Z',
      planId: 'p-old',
      service: 'web',
      action: 'start',
      state: 'SUCCEEDED',
      attempt: 1,
      reason: 'crashed',
      durationMs: 12,
    };
    const stored = {
      version: 1,
      savedAt: '2025-12-31T00:00:00.000Z',
      status: { running: true, parallelism: 2, active: [], queued: [], services: [] },
      history: [entry],
    };
    const saved: RecoverySnapshot[] = [];
    const store = { load: () => Promise.resolve(stored), save: (s: RecoverySnapshot) => (saved.push(s), Promise.resolve()) };
    const idle = supervisorHarness({ services: [service('web')], store });
    await idle.supervisor.dispose();
    expect(saved).toEqual([]);

    const h = supervisorHarness({
      services: [service('web')],
      config: { recovery: { parallelism: 3, defaults: { maxAttempts: 4 } } },
      store,
    });
    await h.supervisor.start();
    expect(h.supervisor.history().map((e) => e.planId)).toEqual(['p-old']);
    await h.supervisor.dispose();
    expect(saved.at(-1)?.history.map((e) => e.planId)).toEqual(['p-old']);
    expect(saved.every((s) => s.history.length === 1)).toBe(true);
  });

  it('without a recovery section: parallelism 2 and the schema defaults', async () => {
    const h = supervisorHarness({ services: [service('web')] });
    await h.supervisor.start();
    expect(h.supervisor.status().recovery.parallelism).toBe(2);
    expect(h.supervisor.status().policies['web']).toMatchObject({ maxAttempts: 5, initialDelayMs: 1000 });
    await h.supervisor.dispose();
  });

  it('a pause before start survives the rebuild with the stack settings', async () => {
    const h = supervisorHarness({ services: [service('web')], config: { recovery: { parallelism: 4 } } });
    h.supervisor.pause();
    await h.supervisor.start();
    expect(h.supervisor.status().recovery).toMatchObject({ parallelism: 4, running: false });
    await h.supervisor.dispose();
  });
});

describe('supervisor: Redis heartbeats as a health source', () => {
  it('fresh → healthy, then expired after the start grace → unavailable with a recovery planned; events on change only', async () => {
    const store = new FakeHeartbeatStore();
    store.entries = [beat('worker', 'healthy', 0)];
    const h = supervisorHarness({ services: [service('worker')], config: heartbeatConfig(), heartbeats: store });
    await h.supervisor.start();
    await h.clock.advance(0);
    expect(store.patterns[0]).toBe('service:heartbeat:*:shop-app');
    expect(h.stateOf('worker')?.state).toBe('healthy');
    await h.clock.advance(3000); // three more fresh reads: one event
    expect(h.events.filter((e) => e.type === 'heartbeat')).toEqual([
      { type: 'heartbeat', service: 'worker', status: 'healthy', ageMs: 0, at: '2026-01-01T00:00:00.000Z' },
    ]);

    store.entries = []; // the key expired in Redis
    await h.clock.advance(3000);
    expect(entered(h.events, 'worker', 'unavailable')).toMatchObject({ reason: 'heartbeat missing or expired' });
    expect(h.events.filter((e) => e.type === 'heartbeat').map((e) => e.type === 'heartbeat' && e.status)).toEqual(['healthy', 'missing']);
    expect(h.events.find((e) => e.type === 'recovery' && e.service === 'worker')).toMatchObject({ state: 'SCHEDULED' });
    expect(JSON.stringify(h.events)).not.toContain('s3cret');
    await h.supervisor.dispose();
  });

  it('an old timestamp is stale; within the start grace it is not acted on', async () => {
    const store = new FakeHeartbeatStore();
    store.entries = [beat('worker', 'healthy', 0, 120_000)];
    const h = supervisorHarness({ services: [service('worker')], config: heartbeatConfig(), heartbeats: store });
    await h.supervisor.start();
    await h.clock.advance(2000);
    expect(h.stateOf('worker')?.state).toBe('starting');
    expect(h.events.filter((e) => e.type === 'recovery')).toEqual([]);
    await h.clock.advance(4000); // past the 5 s grace
    expect(entered(h.events, 'worker', 'unavailable')).toMatchObject({
      reason: 'heartbeat missing or expired',
      at: '2026-01-01T00:00:05.000Z',
    });
    expect(h.events.find((e) => e.type === 'heartbeat')).toMatchObject({ status: 'stale', ageMs: 120_000 });
    await h.supervisor.dispose();
  });

  it('shutting_down → left alone, even once the key is gone; a store that cannot be read says nothing', async () => {
    const store = new FakeHeartbeatStore();
    store.entries = [beat('worker', 'shutting_down', 0)];
    const h = supervisorHarness({ services: [service('worker'), service('web')], config: heartbeatConfig(), heartbeats: store });
    await h.supervisor.start();
    await h.clock.advance(7000);
    store.entries = [];
    await h.clock.advance(3000);
    store.fail = true;
    await h.clock.advance(3000);
    expect(h.events.filter((e) => e.type === 'recovery')).toEqual([]);
    expect(h.events.find((e) => e.type === 'heartbeat')).toMatchObject({ service: 'worker', status: 'shutting_down' });
    // web never beat: never expected, never judged.
    expect(h.events.some((e) => e.type === 'heartbeat' && e.service === 'web')).toBe(false);
    expect(h.stateOf('web')?.state).toBe('healthy');
    await h.supervisor.dispose();
  });

  it('heartbeats of a service outside the stack are ignored', async () => {
    const store = new FakeHeartbeatStore();
    store.entries = [beat('stranger', 'healthy', 0)];
    const h = supervisorHarness({ services: [service('worker')], config: heartbeatConfig(), heartbeats: store });
    await h.supervisor.start();
    await h.clock.advance(2000);
    expect(h.events.filter((e) => e.type === 'heartbeat')).toEqual([]);
    await h.supervisor.dispose();
  });
});

/** A network port that only exchanges raw bytes, over a scripted peer. */
function wireNet(peer: () => FakePeer): SupervisorDeps['net'] & { wire: FakeWire } {
  const wire = new FakeWire(peer);
  return { wire, exchange: (r: WireRequest): Promise<WireOutcome> => wire.exchange(r) } as unknown as SupervisorDeps['net'] & {
    wire: FakeWire;
  };
}

describe('supervisor: infrastructure without a health URL is probed in its protocol', () => {
  const cache = () =>
    service('cache', { image: 'redis:7', ports: [{ containerPort: 6379, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 16379 }] });

  it('Redis answering PING stays healthy; silent for 3 probes → unavailable and a restart planned', async () => {
    let peer: FakePeer = { bytes: new TextEncoder().encode('+PONG\r\n'), then: 'silent' };
    const net = wireNet(() => peer);
    const h = supervisorHarness({
      services: [cache()],
      net,
      config: { recovery: { probeIntervalMs: 1000, defaults: { startGraceMs: 0, stableAfterMs: 0 } } },
    });
    await h.supervisor.start();
    await h.clock.advance(2000);
    expect(net.wire.requests.map((r) => `${r.host}:${r.port}`)).toEqual(['127.0.0.1:16379', '127.0.0.1:16379']);
    expect(h.stateOf('cache')?.state).toBe('healthy');

    peer = { then: 'silent' };
    await h.clock.advance(2000);
    expect(h.stateOf('cache')?.state).toBe('healthy'); // two failures: nothing yet
    await h.clock.advance(1000);
    expect(entered(h.events, 'cache', 'unavailable')).toMatchObject({ reason: 'unhealthy: 3 consecutive failed health probes' });
    expect(h.events.find((e) => e.type === 'recovery')).toMatchObject({ service: 'cache', action: { kind: 'restart' } });
    await h.supervisor.dispose();
  });

  it('a service with neither a health URL nor a protocol port is not probed', async () => {
    const net = wireNet(() => ({ refuse: true }));
    const h = supervisorHarness({ services: [service('web', { ports: [{ containerPort: 80, protocol: 'tcp', hostPort: 8080 }] })], net });
    await h.supervisor.start();
    await h.clock.advance(25_000);
    expect(net.wire.requests).toEqual([]);
    await h.supervisor.dispose();
  });
});

describe('supervisor: the health body’s checks in the status', () => {
  it('keeps the latest checks of each probed service, as components, for the Recovery view', async () => {
    let body: unknown = { status: 'healthy', checks: { db: { status: 'healthy' }, cache: 'ok' } };
    const net = {
      httpGet: (url: string) =>
        Promise.resolve(
          url.endsWith('/ready')
            ? { kind: 'http', target: url, from: 'host', ok: false, latencyMs: 1, detail: { status: 404 } }
            : { kind: 'http', target: url, from: 'host', ok: true, latencyMs: 1, detail: { status: 200, body } },
        ),
    } as unknown as SupervisorDeps['net'];
    const h = supervisorHarness({
      services: [service('web'), service('worker')],
      net,
      config: { services: { web: { health: 'http://127.0.0.1:8080/health' } }, recovery: { probeIntervalMs: 1000 } },
    });
    await h.supervisor.start();
    expect(h.supervisor.status().checks).toEqual({});
    await h.clock.advance(1000);
    expect(h.supervisor.status().checks).toEqual({
      web: {
        at: '2026-01-01T00:00:01.000Z',
        components: [
          { component: 'db', status: 'healthy' },
          { component: 'cache', status: 'ok' },
        ],
      },
    });
    body = { status: 'degraded', checks: { db: { status: 'unhealthy', message: 'timeout' } } };
    await h.clock.advance(1000);
    expect(h.supervisor.status().checks['web']?.components).toEqual([{ component: 'db', status: 'unhealthy', detail: 'timeout' }]);
    await h.supervisor.dispose();
  });
});
