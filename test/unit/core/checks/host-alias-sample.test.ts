import { describe, expect, it } from 'vitest';
import type { CheckScope } from '../../../../src/main/core/checks/check.ts';
import { hostTcpFacts } from '../../../../src/main/core/checks/check-facts.ts';
import { hostDnsCheck } from '../../../../src/main/core/checks/host-dns.check.ts';
import { hostTcpCheck } from '../../../../src/main/core/checks/host-tcp.check.ts';
import { runChecks } from '../../../../src/main/core/checks/run-checks.ts';
import { HOST_ALIAS_SAMPLE } from '../../../../src/main/core/checks/target-subjects.ts';
import { buildTruthMatrix } from '../../../../src/main/core/diagnosis/truth-matrix.ts';
import type { EngineReadPort, NetworkProbePort } from '../../../../src/main/core/ports/index.ts';
import type { ProbeResult, StackService } from '../../../../src/shared/model/index.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { hostRuntime, okEngine, stackOf } from '../findings/builders.ts';
import { container } from './containers.fixture.ts';

/** `count` services `s0…`, each calling the next by its docker alias, plus one call to `api.example.com`. */
function chain(count: number): { services: StackService[]; aliases: string[] } {
  const aliases = Array.from({ length: count }, (_, i) => `s${String(i).padStart(3, '0')}`);
  const services = aliases.map((alias, i): StackService => {
    const next = aliases[i + 1] ?? 'api.example.com';
    return {
      name: alias,
      project: 'shop',
      role: 'service',
      declared: true,
      container: container(`shop-${alias}-1`, { shop_default: [alias] }),
      dependsOn: [],
      targets: [{ url: `http://${next}:8080/`, host: next, port: 8080, source: 'env:NEXT_URL' }],
    };
  });
  return { services, aliases };
}

function scopeOf(services: StackService[], aliases: string[]): CheckScope {
  return {
    stack: stackOf(services, aliases),
    services,
    config: {},
    engine: okEngine(),
    runtime: hostRuntime,
    containers: services.flatMap((s) => (s.container ? [s.container] : [])),
    networks: [],
    timeoutMs: 1000,
    timeoutOf: () => 1000,
    orchestrator: {
      configuredUrl: 'http://x:1',
      configuredFrom: 'default',
      fallbackUrl: 'http://localhost:1',
      aliases: [],
      healthPath: '/h',
      timeoutMs: 1000,
    },
  };
}

/** A host where no docker alias resolves; records what was asked. */
function recordingNet() {
  const asked = { lookups: [] as string[], connects: [] as string[] };
  const failed = (kind: ProbeResult['kind'], target: string): ProbeResult => ({
    kind,
    target,
    from: 'host',
    ok: false,
    latencyMs: 1,
    error: { code: 'ENOTFOUND', message: `${target} not found` },
  });
  const net = {
    lookup: async (host: string) => (asked.lookups.push(host), failed('dns-host', host)),
    tcpConnect: async (host: string, port: number) => (asked.connects.push(host), failed('tcp', `${host}:${port}`)),
    httpGet: async () => failed('http', 'unused'),
    wsHandshake: async () => failed('ws', 'unused'),
  } satisfies NetworkProbePort;
  return { net, asked };
}

async function run(count: number) {
  const { services, aliases } = chain(count);
  const scope = scopeOf(services, aliases);
  const { net, asked } = recordingNet();
  const facts = await runChecks([hostDnsCheck, hostTcpCheck], scope, { engine: {} as EngineReadPort, net, clock: new FakeClock() });
  return { asked, facts, matrix: buildTruthMatrix(scope.stack, facts, true), aliases };
}

describe('host-side lookups of docker aliases', () => {
  it(`asks the host about every called alias up to ${HOST_ALIAS_SAMPLE}, and about every other name`, async () => {
    const { asked, facts } = await run(HOST_ALIAS_SAMPLE + 1);
    // s001…s016 are called (s000 calls s001), and the last one calls api.example.com.
    expect(asked.lookups).toHaveLength(HOST_ALIAS_SAMPLE + 1);
    expect(asked.lookups).toContain('api.example.com');
    expect(facts.get(hostTcpFacts)).toHaveLength(HOST_ALIAS_SAMPLE + 1);
  });

  it('asks about a sample of the aliases only when a stack calls more, and says so in the matrix', async () => {
    const { asked, matrix, aliases } = await run(200);
    const called = aliases.slice(1);
    expect(asked.lookups.sort()).toEqual([...called.slice(0, HOST_ALIAS_SAMPLE), 'api.example.com'].sort());
    expect(asked.connects.sort()).toEqual(asked.lookups);
    const rows = matrix.flatMap((project) => project.targets);
    expect(rows).toHaveLength(200);
    const notAsked = rows.filter((row) => row.fromHost.basis === 'not-checked');
    expect(notAsked).toHaveLength(199 - HOST_ALIAS_SAMPLE);
    expect(notAsked[0]?.fromHost).toEqual({
      resolves: null,
      answers: null,
      basis: 'not-checked',
      note: `docker alias: not asked from the host (only ${HOST_ALIAS_SAMPLE} aliases are; expected from the host)`,
    });
    const asked16 = rows.find((row) => row.host === called[0]);
    expect(asked16?.fromHost).toMatchObject({ resolves: false, basis: 'probe', note: 'ENOTFOUND (docker alias: expected from the host)' });
    expect(rows.find((row) => row.host === 'api.example.com')?.fromHost).toMatchObject({ resolves: false, basis: 'probe' });
  });
});
