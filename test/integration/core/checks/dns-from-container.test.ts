import { beforeAll, describe, expect, it } from 'vitest';
import { DockerEngineAdapter } from '../../../../src/main/adapters/docker/docker-engine.adapter.ts';
import { dnsFromContainer } from '../../../../src/main/core/checks/dns-from-container.ts';
import type { NetworkInfo } from '../../../../src/main/core/ports/index.ts';
import type { ContainerInfo } from '../../../../src/shared/model/index.ts';
import { createDockerFixture } from '../../support/docker-fixture.ts';

/**
 * The incident this product exists for, on the real engine: a service on one user-defined network, a
 * devcontainer-like consumer on another, a consumer that shares the network, and one on the default bridge.
 */
const fixture = createDockerFixture();
const engine = DockerEngineAdapter.fromEnvironment();
const TIMEOUT_MS = 5000;

let backend: string;
let containers: ContainerInfo[];
let networks: NetworkInfo[];
const byName = (base: string): ContainerInfo => {
  const found = containers.find((c) => c.name === fixture.unique(base));
  if (!found) throw new Error(`container ${base} not listed`);
  return found;
};

beforeAll(async () => {
  backend = (await fixture.network('backend')).name;
  await fixture.network('dev');
  const idle = ['sleep', '3600'];
  await fixture.container({ name: 'orchestrator', cmd: idle, networks: [{ name: 'backend', aliases: ['orchestrator-service'] }] });
  await fixture.container({ name: 'api', cmd: idle, networks: [{ name: 'backend' }] });
  await fixture.container({ name: 'devcontainer', cmd: idle, networks: [{ name: 'dev' }] });
  await fixture.container({ name: 'legacy', cmd: idle });
  await fixture.container({ name: 'stopped', cmd: idle, networks: [{ name: 'dev' }], start: false });
  containers = (await engine.listContainers(10_000)).filter((c) => c.labels['stack-doctor.test'] === fixture.runId);
  networks = await engine.listNetworks(10_000);
});

describe('dnsFromContainer on a real engine', () => {
  it('resolves the alias from a container on the same network, confirmed by busybox nslookup', async () => {
    const { probe, reachability, topology } = await dnsFromContainer(engine, {
      consumer: byName('api'),
      host: 'orchestrator-service',
      containers,
      networks,
      timeoutMs: TIMEOUT_MS,
    });
    expect(reachability).toMatchObject({ resolves: true, basis: 'topology+lookup', answers: null });
    expect(topology.via).toEqual({ container: fixture.unique('orchestrator'), network: backend });
    expect(probe).toMatchObject({ kind: 'dns-container', ok: true, from: fixture.unique('api'), detail: { tool: 'nslookup' } });
    const orchestratorIp = byName('orchestrator').networks.find((n) => n.name === backend)?.ipAddress;
    expect(probe.detail?.addresses).toContain(orchestratorIp);
  });

  it('does not resolve it from the devcontainer on another network, and names the network to join', async () => {
    const { probe, reachability, topology } = await dnsFromContainer(engine, {
      consumer: byName('devcontainer'),
      host: 'orchestrator-service',
      containers,
      networks,
      timeoutMs: TIMEOUT_MS,
    });
    expect(reachability).toMatchObject({ resolves: false, basis: 'topology+lookup' });
    expect(topology.reachableOn).toEqual([backend]);
    expect(probe.error?.code).toBe('ENOTFOUND');
    expect(String(probe.detail?.output)).toMatch(/can't (find|resolve)|NXDOMAIN/i);
  });

  it('does not resolve a container name from the default bridge (no embedded DNS there)', async () => {
    const { reachability } = await dnsFromContainer(engine, {
      consumer: byName('legacy'),
      host: fixture.unique('api'),
      containers,
      networks,
      timeoutMs: TIMEOUT_MS,
    });
    expect(reachability).toMatchObject({ resolves: false, basis: 'topology+lookup' });
    expect(reachability.note).toContain('no embedded DNS');
  });

  it('decides from the topology alone for a consumer that is not running', async () => {
    const stopped = byName('stopped');
    expect(stopped.state).toBe('created');
    const { reachability } = await dnsFromContainer(engine, {
      consumer: stopped,
      host: 'orchestrator-service',
      containers,
      networks,
      timeoutMs: TIMEOUT_MS,
    });
    expect(reachability).toMatchObject({ resolves: false, basis: 'topology' });
  });
});
