import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkProbeAdapter } from '../../../src/main/adapters/network/network-probe.adapter.ts';
import { systemClock } from '../../../src/main/adapters/clock/system-clock.ts';
import type { CheckContext } from '../../../src/main/core/checks/check.ts';
import { protocolHealthCheck, protocolUnansweredFindings } from '../../../src/main/core/checks/protocol-health.check.ts';
import { protocolSubjects } from '../../../src/main/core/checks/protocol-services.ts';
import type { ContainerInfo, StackService } from '../../../src/shared/model/index.ts';
import { findingsOf, runCheckJson } from '../check/run-check.ts';
import { startPostgres, type PostgresServer } from '../protocols/support/postgres-server.ts';
import { startRedis, type RedisServer } from '../protocols/support/redis-server.ts';
import { createDockerFixture } from '../support/docker-fixture.ts';
import { stackUnderTest } from './support/stack.ts';
import { entered, plan, startWatch } from './support/watch-process.ts';

const fixture = createDockerFixture();
const net = new NetworkProbeAdapter();
let redis: RedisServer;
let postgres: PostgresServer;

beforeAll(async () => {
  [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
});

afterAll(async () => {
  await Promise.all([redis?.stop(), postgres?.stop()]);
});

/** A running service whose container publishes `containerPort` on the real server's loopback port. */
function serviceOn(name: string, image: string, containerPort: number, hostPort: number): StackService {
  const container = {
    id: `id-${name}`,
    name: `${name}-1`,
    image,
    state: 'running',
    status: 'Up',
    exitCode: 0,
    restartCount: 0,
    health: 'none',
    labels: {},
    envTargets: [],
    networks: [],
    ports: [{ containerPort, protocol: 'tcp', hostIp: '127.0.0.1', hostPort }],
  } satisfies ContainerInfo;
  return { name, project: 'infra', role: 'service', declared: true, container, dependsOn: [], targets: [] };
}

/** Runs the registered check over `services` through the real network adapter, as a diagnosis would. */
async function checkAll(services: StackService[], timeoutMs = 1000) {
  const facts = [];
  for (const subject of protocolSubjects(services)) {
    facts.push(...(await protocolHealthCheck.run(subject, { net, clock: systemClock, timeoutMs } as unknown as CheckContext)));
  }
  return { facts, findings: protocolUnansweredFindings(facts, []) };
}

describe('protocol health against real servers', () => {
  it('a healthy redis-server and PostgreSQL answer their protocol: ok probes, no finding', async () => {
    const { facts, findings } = await checkAll([
      serviceOn('cache', 'redis:7', 6379, redis.port),
      serviceOn('db', 'postgres:16', 5432, postgres.port),
    ]);
    expect(facts.map((f) => [f.service.name, f.probe.kind, f.probe.ok, f.probe.detail?.['alive']])).toEqual([
      ['cache', 'redis', true, true],
      ['db', 'postgres', true, true],
    ]);
    expect(facts[0]!.probe.detail).toMatchObject({ reply: 'PONG' });
    expect(facts[1]!.probe.detail).toMatchObject({ protocol: 'postgres', ssl: false });
    expect(findings).toEqual([]);
  });

  it('a Redis that accepts but does not answer PING (CLIENT PAUSE) → PROTOCOL_UNANSWERED', async () => {
    await redis.cli('CLIENT', 'PAUSE', '2500', 'ALL');
    const { facts, findings } = await checkAll([serviceOn('cache', 'redis:7', 6379, redis.port)], 800);
    expect(facts[0]!.probe).toMatchObject({ kind: 'redis', ok: false, error: { code: 'TIMEOUT' }, detail: { connected: true } });
    expect(findings.map((f) => [f.id, f.subject, f.severity])).toEqual([['PROTOCOL_UNANSWERED', 'infra/cache', 'error']]);
    expect(findings[0]!.summary).toContain('does not answer as Redis');
  });

  it('PostgreSQL on the Redis port (something else listens: it hangs up on PING unanswered) → PROTOCOL_UNANSWERED', async () => {
    const { facts, findings } = await checkAll([serviceOn('cache', 'redis:7', 6379, postgres.port)]);
    expect(facts[0]!.probe).toMatchObject({ ok: false, error: { code: 'PEER_CLOSED' }, detail: { connected: true } });
    expect(findings.map((f) => f.id)).toEqual(['PROTOCOL_UNANSWERED']);
  });

  it('`check --json` against the real engine: a container on 6379 that accepts and stays silent → PROTOCOL_UNANSWERED', async () => {
    const stack = await stackUnderTest(fixture, 'proto');
    // Accepts every connection and never says a word, as a hung Redis does.
    await stack.service('cache', { cmd: ['nc', '-ll', '-p', '6379', '-e', 'sleep', '3600'], ports: [{ container: 6379 }] });
    const { diagnosis } = await runCheckJson(stack.ws, { timeoutMs: 45_000 });
    const cacheProbes = JSON.stringify(diagnosis.services.find((s) => s.name === 'cache')?.probes);
    const [finding, ...more] = findingsOf(diagnosis, 'PROTOCOL_UNANSWERED', 'cache');
    expect(more).toEqual([]);
    expect(finding, cacheProbes).toMatchObject({ severity: 'error', fix: { action: { kind: 'restart-container' } } });
    expect(finding!.summary).toMatch(/container port 6379\) accepts connections but does not answer as Redis/);
    // The port itself is open: not reported closed.
    expect(findingsOf(diagnosis, 'PORT_CLOSED', 'cache')).toEqual([]);
    const cache = diagnosis.services.find((s) => s.name === 'cache');
    expect(cache?.probes.find((p) => p.kind === 'redis')).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
  });

  it('`watch`: a service on 6379 without a health URL is probed by PING; silent → unavailable and a restart planned', async () => {
    const config = 'recovery:\n  probeIntervalMs: 300\n  probeTimeoutMs: 300\n  defaults:\n    startGraceMs: 500\n    stopTimeoutSec: 1\n';
    const stack = await stackUnderTest(fixture, 'protow', config);
    await stack.service('cache', { cmd: ['nc', '-ll', '-p', '6379', '-e', 'sleep', '3600'], ports: [{ container: 6379 }] });
    const w = startWatch(stack.ws);
    try {
      await w.waitFor((e) => e.type === 'supervision' && e.state === 'started', 40_000, 'started');
      const down = await w.waitFor(entered('cache', 'unavailable'), 15_000, 'cache unavailable');
      expect(down).toMatchObject({ reason: 'unhealthy: 3 consecutive failed health probes' });
      expect(await w.waitFor(plan('cache', 'SCHEDULED'), 10_000, 'restart planned')).toMatchObject({ action: { kind: 'restart' } });
    } finally {
      await w.stop();
    }
    expect(w.invalid).toEqual([]);
  });
});
