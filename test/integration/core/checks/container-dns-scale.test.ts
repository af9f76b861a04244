import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../../src/main/adapters/clock/system-clock.ts';
import { DockerEngineAdapter } from '../../../../src/main/adapters/docker/docker-engine.adapter.ts';
import { NetworkProbeAdapter } from '../../../../src/main/adapters/network/network-probe.adapter.ts';
import { RuntimeSignalsAdapter } from '../../../../src/main/adapters/runtime/runtime-signals.adapter.ts';
import { WorkspaceFilesAdapter } from '../../../../src/main/adapters/workspace/workspace-files.adapter.ts';
import { dnsFromContainer } from '../../../../src/main/core/checks/dns-from-container.ts';
import { LOOKUP_BATCH_SIZE } from '../../../../src/main/core/checks/lookup-groups.ts';
import { SHELL_LOOKUP_SCRIPT } from '../../../../src/main/core/checks/shell-lookup.ts';
import { diagnose } from '../../../../src/main/core/diagnosis/diagnose.ts';
import { silentLogger, type EngineReadPort } from '../../../../src/main/core/ports/index.ts';
import type { Diagnosis, ProbeResult } from '../../../../src/shared/model/index.ts';
import { createDockerFixture } from '../../support/docker-fixture.ts';
import { ensureGetentImage } from './support/getent-image.ts';

/**
 * 20 consumers on the real engine, in two groups that resolve differently (14 on network `front`, 6 on
 * `back`); in each group service i calls service i+1 by alias and the last calls an alias nothing answers
 * to; one `back` consumer also calls a `front` alias (it cannot resolve it). The whole diagnosis runs with
 * every exec counted on its way to the engine: one lookup exec (the shell script, running getent here) per group
 * (and batch of names), the
 * verdicts the same as one lookup in each consumer gives.
 */
const fixture = createDockerFixture();
const engine = DockerEngineAdapter.fromEnvironment();
const execs: Array<{ id: string; argv: string[] }> = [];
const counting: EngineReadPort = {
  endpoint: engine.endpoint,
  version: (t) => engine.version(t),
  listContainers: (t) => engine.listContainers(t),
  listNetworks: (t) => engine.listNetworks(t),
  inspectContainer: (id, t) => engine.inspectContainer(id, t),
  exec: (id, argv, t) => {
    execs.push({ id, argv });
    return engine.exec(id, argv, t);
  },
};
const GROUPS = { front: 14, back: 6 };

let workspace: string;
let diagnosis: Diagnosis;
const expected = new Map<string, boolean>();

const dnsProbes = (): Array<{ service: string; probe: ProbeResult }> =>
  diagnosis.services.flatMap((s) => s.probes.filter((p) => p.kind === 'dns-container').map((probe) => ({ service: s.name, probe })));

beforeAll(async () => {
  const image = await ensureGetentImage(fixture.docker);
  workspace = await mkdtemp(join(tmpdir(), 'sd-dns-scale-'));
  const project = fixture.unique('scale');
  const specs: Array<{ service: string; network: string; env: Record<string, string> }> = [];
  for (const [network, size] of Object.entries(GROUPS)) {
    await fixture.network(network);
    for (let i = 0; i < size; i++) {
      const service = `${network}${i}`;
      const next = i + 1 < size ? `${network}${i + 1}` : `${network}-gone`;
      expected.set(`${service}→${next}`, i + 1 < size);
      const env: Record<string, string> = { NEXT_URL: `http://${next}:8080/` };
      if (network === 'back' && i === 0) {
        env['FRONT_URL'] = 'http://front0:8080/';
        expected.set(`${service}→front0`, false);
      }
      specs.push({ service, network, env });
    }
  }
  const limit = pLimit(4);
  await Promise.all(
    specs.map(({ service, network, env }) =>
      limit(() =>
        fixture.container({
          name: service,
          image,
          cmd: ['sleep', '3600'],
          env,
          networks: [{ name: network, aliases: [service] }],
          labels: {
            'com.docker.compose.project': project,
            'com.docker.compose.service': service,
            'com.docker.compose.project.working_dir': workspace,
            'com.docker.compose.container-number': '1',
          },
        }),
      ),
    ),
  );
  diagnosis = await diagnose(
    {
      engine: counting,
      net: new NetworkProbeAdapter(),
      workspace: new WorkspaceFilesAdapter(),
      runtime: new RuntimeSignalsAdapter({ env: {} }),
      clock: systemClock,
      logger: silentLogger,
      newId: () => 'dns-scale',
    },
    {
      workspace,
      projects: [],
      timeoutMs: 5000,
      timeoutExplicit: true,
      orchestratorUrl: 'http://127.0.0.1:9',
      settingsOrchestratorUrl: null,
      env: {},
    },
  );
}, 120_000);

afterAll(async () => {
  await engine.dispose();
  await rm(workspace, { recursive: true, force: true });
});

describe('container DNS of 20 consumers on a real engine', () => {
  it('runs one lookup exec per group and batch of names, not one per consumer', () => {
    const names = { front: GROUPS.front, back: GROUPS.back + 1 };
    const bound = Object.values(names).reduce((sum, n) => sum + Math.ceil(n / LOOKUP_BATCH_SIZE), 0);
    expect(execs.length).toBeGreaterThan(0);
    expect(execs.length).toBeLessThanOrEqual(bound);
    expect(execs.every((e) => e.argv[0] === 'sh' && e.argv[2] === SHELL_LOOKUP_SCRIPT)).toBe(true);
    // Every distinct (group, name) asked once: 14 names on front, 7 on back.
    expect(execs.reduce((sum, e) => sum + e.argv.length - 4, 0)).toBe(names.front + names.back);
  });

  it('still gives every consumer its own verdict, looked up for real, the missing aliases found', () => {
    const probes = dnsProbes();
    expect(probes).toHaveLength(expected.size);
    for (const { service, probe } of probes) {
      expect({ edge: `${service}→${probe.target}`, ok: probe.ok, tool: probe.detail?.['tool'] }).toEqual({
        edge: `${service}→${probe.target}`,
        ok: expected.get(`${service}→${probe.target}`),
        tool: 'getent',
      });
    }
    const missing = probes.filter((p) => p.probe.target.endsWith('-gone'));
    expect(missing.map((p) => p.probe.error?.code)).toEqual(['ENOTFOUND', 'ENOTFOUND']);
    const findings = diagnosis.findings.filter((f) => f.id === 'DNS_UNRESOLVABLE_FROM_CONTAINER');
    expect(findings.length).toBeGreaterThan(0);
  });

  it('agrees with a lookup run in each consumer itself, and names the peer it used otherwise', async () => {
    const containers = await engine.listContainers(10_000);
    const networks = await engine.listNetworks(10_000);
    const probes = dnsProbes();
    for (const { service, probe } of probes) {
      const consumer = containers.find((c) => c.name === fixture.unique(service));
      if (!consumer) throw new Error(`${service} not listed`);
      const own = await dnsFromContainer(engine, { consumer, host: probe.target, containers, networks, timeoutMs: 5000 });
      expect({ edge: `${service}→${probe.target}`, ok: own.probe.ok }).toEqual({ edge: `${service}→${probe.target}`, ok: probe.ok });
      const ranIn = probe.detail?.['lookupIn'];
      const note = diagnosis.projects.flatMap((p) => p.targets).find((t) => t.consumer === service && t.host === probe.target)
        ?.fromContainer.note;
      if (ranIn !== consumer.name) expect(note).toContain(`looked up in peer ${String(ranIn)}`);
    }
  });
});
