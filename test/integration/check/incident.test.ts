import { beforeAll, describe, expect, it } from 'vitest';
import { createDockerFixture, type CreatedContainer, type CreatedNetwork } from '../support/docker-fixture.ts';
import { startHttpService, type HttpService } from '../support/http-service.ts';
import { composeLabels, findingOf, findingsOf, runCheckJson, summarize, tempWorkspace, type TempWorkspace } from './run-check.ts';

/**
 * The incident Stack Doctor exists for (issue 2 §7), on the real engine through the real CLI: the
 * orchestrator answers on network A under the alias `orchestrator-service` with 8006 published on
 * 127.0.0.1; a devcontainer-like container on network B is configured with
 * `ORCHESTRATOR_SERVICE_URL=http://orchestrator-service:8006` and cannot resolve it.
 */
const fixture = createDockerFixture();
const ORCHESTRATOR_URL = 'http://orchestrator-service:8006';

let ws: TempWorkspace;
let netA: CreatedNetwork;
let orchestrator: HttpService;
let dev: CreatedContainer;
let fallbackUrl: string;

beforeAll(async () => {
  ws = await tempWorkspace('sd-incident-');
  const project = fixture.unique('shop');
  netA = await fixture.network('backend', { labels: { 'com.docker.compose.project': project, 'com.docker.compose.network': 'backend' } });
  await fixture.network('devnet');
  orchestrator = await startHttpService(fixture, {
    name: 'orchestrator-service',
    networks: [{ name: 'backend', aliases: ['orchestrator-service'] }],
    labels: composeLabels(ws.dir, project, 'orchestrator-service'),
  });
  dev = await fixture.container({
    name: 'dev',
    cmd: ['sleep', '3600'],
    env: { ORCHESTRATOR_SERVICE_URL: ORCHESTRATOR_URL },
    networks: [{ name: 'devnet' }],
    labels: { 'devcontainer.local_folder': ws.dir },
  });
  // The configured URL stays the alias; only the fallback points at the engine-picked host port.
  fallbackUrl = `http://localhost:${orchestrator.hostPort}`;
  await ws.write('stack-doctor.yaml', `orchestrator:\n  fallbackUrl: ${fallbackUrl}\n`);
});

describe('check: devcontainer on another network than the orchestrator', () => {
  it('reports DNS_UNRESOLVABLE_FROM_CONTAINER with the network to connect and the lasting compose change, and falls back to localhost', async () => {
    const { code, diagnosis, stderr } = await runCheckJson(ws);

    const dns = findingOf(diagnosis, 'DNS_UNRESOLVABLE_FROM_CONTAINER');
    expect(dns.severity).toBe('error');
    expect(dns.summary).toContain(dev.name);
    expect(dns.summary).toContain('orchestrator-service');
    expect(dns.fix.command).toBe(`docker network connect ${netA.name} ${dev.name}`);
    expect(dns.fix.action).toEqual({
      kind: 'network-connect',
      params: { network: netA.name, container: dev.name, alias: 'orchestrator-service' },
    });
    expect(dns.fix.lasting).toContain('networks:');
    expect(dns.fix.lasting).toContain(netA.name);
    expect(dns.fix.lasting).toContain('external: true');

    expect(diagnosis.orchestrator).toMatchObject({
      configuredUrl: ORCHESTRATOR_URL,
      decision: 'localhost-fallback',
      resolvedUrl: fallbackUrl,
      hostIsAlias: true,
    });
    expect(diagnosis.orchestrator.attempts.map((a) => [a.step, a.url, a.result.ok])).toEqual([
      ['dns', ORCHESTRATOR_URL, false],
      ['health', fallbackUrl, true],
    ]);

    const row = diagnosis.projects.flatMap((p) => p.targets).find((t) => t.host === 'orchestrator-service');
    expect(row, summarize(diagnosis)).toBeDefined();
    expect(row).toMatchObject({ url: ORCHESTRATOR_URL, source: 'env:ORCHESTRATOR_SERVICE_URL', port: 8006 });
    expect(row?.fromContainer).toMatchObject({ resolves: false, answers: false });
    expect(row?.fromContainer.basis).toMatch(/lookup/);
    expect(row?.fromHost.resolves).toBe(false);

    const devReport = diagnosis.services.find((s) => s.container?.name === dev.name);
    expect(devReport?.role).toBe('devcontainer');
    expect(diagnosis.verdict).toBe('unhealthy');
    expect(code, stderr).toBe(2);
  });

  it('clears the DNS finding once the dev container is connected to the orchestrator network', async () => {
    await fixture.docker.getNetwork(netA.id).connect({ Container: dev.id });
    const { diagnosis } = await runCheckJson(ws);

    expect(findingsOf(diagnosis, 'DNS_UNRESOLVABLE_FROM_CONTAINER'), summarize(diagnosis)).toEqual([]);
    const row = diagnosis.projects.flatMap((p) => p.targets).find((t) => t.host === 'orchestrator-service');
    expect(row?.fromContainer).toMatchObject({ resolves: true, basis: 'topology+lookup' });
    // Still on a host-side run: the alias does not resolve here, the published port does.
    expect(diagnosis.orchestrator.decision).toBe('localhost-fallback');
  });
});
