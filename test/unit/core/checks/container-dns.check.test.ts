import { describe, expect, it } from 'vitest';
import type { CheckScope } from '../../../../src/main/core/checks/check.ts';
import { containerDnsFacts } from '../../../../src/main/core/checks/check-facts.ts';
import { CONTAINER_DNS_EXEC_CONCURRENCY, containerDnsCheck } from '../../../../src/main/core/checks/container-dns.check.ts';
import { LOOKUP_BATCH_SIZE, MAX_LOOKUP_BATCH_SIZE } from '../../../../src/main/core/checks/lookup-groups.ts';
import { runChecks } from '../../../../src/main/core/checks/run-checks.ts';
import { SHELL_LOOKUP_SCRIPT } from '../../../../src/main/core/checks/shell-lookup.ts';
import type { EngineReadPort, ExecResult, NetworkProbePort } from '../../../../src/main/core/ports/index.ts';
import type { ContainerInfo, StackService } from '../../../../src/shared/model/index.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { hostRuntime, okEngine, stackOf } from '../findings/builders.ts';
import { container, network } from './containers.fixture.ts';

const plain = { networkMode: 'networks', dns: [], dnsSearch: [], dnsOptions: [], extraHosts: [] };

/** `count` consumers; consumer i is on network `net<i % groups>` as alias `s<i>` and calls `s<i+1>` (the last: `gone`). */
function stackOfConsumers(count: number, groups: number): { services: StackService[]; containers: ContainerInfo[] } {
  const containers = Array.from({ length: count }, (_, i) => ({
    ...container(`s${i}`, { [`net${i % groups}`]: [`s${i}`] }),
    resolver: plain,
  }));
  const services = containers.map((c, i) => {
    const host = i + groups < count ? `s${i + groups}` : 'gone';
    const target = { url: `http://${host}:80/`, host, port: 80, source: 'env:NEXT_URL' };
    return { name: c.name, project: 'p', role: 'service' as const, declared: true, container: c, dependsOn: [], targets: [target] };
  });
  return { services, containers };
}

/**
 * An engine whose containers have `sh` and glibc's `getent`: the lookup script (`sh -c SCRIPT sh name…`) prints
 * one record per name as `getent ahosts` answers it, resolving each name to the first container that answers to
 * it on a network the exec's container shares; every exec settles on a later macrotask, so several can be in
 * flight at once and the most at one moment is recorded.
 */
function glibcEngine(containers: ContainerInfo[]) {
  const execs: Array<{ id: string; argv: string[] }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const engine: EngineReadPort = {
    endpoint: { endpoint: 'unix:///fake.sock' },
    version: () => Promise.reject(new Error('unused')),
    listContainers: () => Promise.reject(new Error('unused')),
    listNetworks: () => Promise.reject(new Error('unused')),
    inspectContainer: () => Promise.reject(new Error('unused')),
    async exec(id, argv): Promise<ExecResult> {
      execs.push({ id, argv });
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      const self = containers.find((c) => c.id === id);
      const nets = new Set(self?.networks.map((n) => n.name));
      if (argv[0] !== 'sh' || argv[2] !== SHELL_LOOKUP_SCRIPT) return { exitCode: 127, stdout: '', stderr: 'not found', timedOut: false };
      const records = argv.slice(4).flatMap((name) => {
        const hit = containers.flatMap((c) => c.networks.filter((n) => nets.has(n.name) && n.aliases.includes(name)))[0];
        const lines = hit ? [`${hit.ipAddress}  STREAM ${name}`, `${hit.ipAddress}  DGRAM`] : [];
        return [`@@stack-doctor-lookup getent ${hit ? 0 : 2} ${name}`, ...lines, '@@stack-doctor-lookup-end'];
      });
      return { exitCode: 0, stdout: `${records.join('\n')}\n`, stderr: '', timedOut: false };
    },
  };
  return { engine, execs, maxInFlight: () => maxInFlight };
}

function scopeOf(services: StackService[], containers: ContainerInfo[], groups: number): CheckScope {
  return {
    stack: stackOf(services),
    services,
    config: {},
    engine: okEngine(),
    runtime: hostRuntime,
    containers,
    networks: Array.from({ length: groups }, (_, i) => network(`net${i}`)),
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

async function diagnose(count: number, groups: number) {
  const { services, containers } = stackOfConsumers(count, groups);
  const fake = glibcEngine(containers);
  const store = await runChecks([containerDnsCheck], scopeOf(services, containers, groups), {
    engine: fake.engine,
    net: {} as NetworkProbePort,
    clock: new FakeClock(),
  });
  return { facts: [...store.get(containerDnsFacts)], ...fake };
}

describe('containerDnsCheck at scale', () => {
  it('runs one exec per group and batch of names, not one per consumer, and keeps one fact per consumer', async () => {
    const { facts, execs } = await diagnose(200, 1);
    // 200 names in one group, batches widened to fit the execs run at once: one round.
    expect(execs).toHaveLength(CONTAINER_DNS_EXEC_CONCURRENCY);
    // `sh -c SCRIPT sh name…`: the names are the arguments after the fourth.
    expect(execs.every((e) => e.argv.length - 4 <= MAX_LOOKUP_BATCH_SIZE)).toBe(true);
    expect(execs.reduce((sum, e) => sum + e.argv.length - 4, 0)).toBe(200);
    expect(execs.every((e) => e.argv[0] === 'sh' && e.argv[2] === SHELL_LOOKUP_SCRIPT)).toBe(true);
    expect(facts).toHaveLength(200);
    const gone = facts.filter((f) => f.reachability.resolves === false);
    expect(gone.map((f) => f.target.host)).toEqual(['gone']);
    expect(gone[0]?.reachability.basis).toBe('topology+lookup');
  });

  it('says per consumer where its lookup ran: in itself, or in a named peer that resolves alike', async () => {
    const { facts } = await diagnose(40, 1);
    const ranIn = new Set(facts.map((f) => f.probe.detail?.['lookupIn']));
    expect(ranIn.size).toBeLessThanOrEqual(Math.ceil(40 / LOOKUP_BATCH_SIZE));
    const runner = facts.find((f) => f.probe.detail?.['lookupIn'] === f.container.name);
    const peer = facts.find((f) => f.probe.detail?.['lookupIn'] !== f.container.name);
    expect(runner?.reachability.note).toMatch(/^getent: /);
    expect(peer?.reachability.note).toMatch(/^looked up in peer s\d+ \(same networks and resolver settings as s\d+\): getent: /);
  });

  it('looks up in each group separately, and never has more than the bound of execs in flight', async () => {
    const { facts, execs, maxInFlight } = await diagnose(120, 12);
    expect(execs).toHaveLength(12);
    expect(new Set(execs.map((e) => e.id)).size).toBe(12);
    expect(maxInFlight()).toBe(CONTAINER_DNS_EXEC_CONCURRENCY);
    expect(facts.filter((f) => f.reachability.resolves === false)).toHaveLength(12);
    expect(facts.every((f) => f.probe.detail?.['tool'] === 'getent')).toBe(true);
  });
});
