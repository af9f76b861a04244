import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../../src/main/adapters/clock/system-clock.ts';
import { DockerEngineAdapter } from '../../../../src/main/adapters/docker/docker-engine.adapter.ts';
import { NetworkProbeAdapter } from '../../../../src/main/adapters/network/network-probe.adapter.ts';
import { RuntimeSignalsAdapter } from '../../../../src/main/adapters/runtime/runtime-signals.adapter.ts';
import { WorkspaceFilesAdapter } from '../../../../src/main/adapters/workspace/workspace-files.adapter.ts';
import { SHELL_LOOKUP_SCRIPT } from '../../../../src/main/core/checks/shell-lookup.ts';
import { diagnose } from '../../../../src/main/core/diagnosis/diagnose.ts';
import { silentLogger, type EngineReadPort } from '../../../../src/main/core/ports/index.ts';
import type { Diagnosis } from '../../../../src/shared/model/index.ts';
import { createDockerFixture } from '../../support/docker-fixture.ts';

/**
 * A container configured with a URL whose host is an option (`http://-s:80/`): the in-container lookup must
 * never run `getent hosts -s` (glibc getent would take `-s` as its --service option). Real engine, real
 * discovery from the container's labels and environment, every exec recorded on its way to the engine.
 */
const fixture = createDockerFixture();
const engine = DockerEngineAdapter.fromEnvironment();
const execs: string[][] = [];
const recording: EngineReadPort = {
  endpoint: engine.endpoint,
  version: (t) => engine.version(t),
  listContainers: (t) => engine.listContainers(t),
  listNetworks: (t) => engine.listNetworks(t),
  inspectContainer: (id, t) => engine.inspectContainer(id, t),
  exec: (id, argv, t) => {
    execs.push(argv);
    return engine.exec(id, argv, t);
  },
};

let workspace: string;
let diagnosis: Diagnosis;

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'sd-exec-argv-'));
  const project = fixture.unique('hostile');
  await fixture.network('net');
  const labels = (service: string): Record<string, string> => ({
    'com.docker.compose.project': project,
    'com.docker.compose.service': service,
    'com.docker.compose.project.working_dir': workspace,
    'com.docker.compose.container-number': '1',
  });
  await fixture.container({ name: 'peer', cmd: ['sleep', '3600'], labels: labels('peer'), networks: [{ name: 'net', aliases: ['peer'] }] });
  await fixture.container({
    name: 'consumer',
    cmd: ['sleep', '3600'],
    labels: labels('consumer'),
    networks: [{ name: 'net' }],
    env: { OPTION_URL: 'http://-s:80/', SHELL_URL: 'http://x&&id&&y:80/', PEER_URL: 'http://peer:80/' },
  });
  diagnosis = await diagnose(
    {
      engine: recording,
      net: new NetworkProbeAdapter(),
      workspace: new WorkspaceFilesAdapter(),
      runtime: new RuntimeSignalsAdapter({ env: {} }),
      clock: systemClock,
      logger: silentLogger,
      newId: () => 'exec-argv',
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
}, 60_000);

afterAll(() => rm(workspace, { recursive: true, force: true }));

describe('in-container lookups of hostile host names, on a real engine', () => {
  it('discovers the hostile targets and looks the valid one up for real', () => {
    const consumer = diagnosis.services.find((s) => s.name === 'consumer');
    expect(consumer).toBeDefined();
    const hosts = diagnosis.projects.flatMap((p) => p.targets).map((t) => t.host);
    expect(hosts).toEqual(expect.arrayContaining(['-s', 'x&&id&&y', 'peer']));
    // The control: a valid name was looked up in the container (so the absence below means something).
    expect(execs.some((argv) => argv.includes('peer'))).toBe(true);
    const peer = consumer?.probes.find((p) => p.kind === 'dns-container' && p.target === 'peer');
    expect(peer).toMatchObject({ ok: true });
  });

  it('never runs a lookup whose argument is an option or holds shell characters, and reports the name as invalid', () => {
    // The lookup script is a constant (it holds `&&` and `2>&1` itself): what varies is every other argument.
    const varying = execs.map((argv) => argv.filter((arg) => arg !== SHELL_LOOKUP_SCRIPT));
    expect(varying.filter((argv) => argv.some((arg) => arg === '-s' || arg.includes('&')))).toEqual([]);
    expect(
      execs
        .flat()
        .filter((arg) => arg.includes('\n'))
        .every((arg) => arg === SHELL_LOOKUP_SCRIPT),
    ).toBe(true);
    const consumer = diagnosis.services.find((s) => s.name === 'consumer');
    for (const host of ['-s', 'x&&id&&y']) {
      const probe = consumer?.probes.find((p) => p.kind === 'dns-container' && p.target === host);
      expect(probe).toMatchObject({ ok: false, error: { code: 'INVALID_HOST' } });
    }
  });
});
