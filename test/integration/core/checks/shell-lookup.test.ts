import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerEngineAdapter } from '../../../../src/main/adapters/docker/docker-engine.adapter.ts';
import { lookupNamesInContainer } from '../../../../src/main/core/checks/batch-lookup.ts';
import { SHELL_LOOKUP_SCRIPT } from '../../../../src/main/core/checks/shell-lookup.ts';
import type { EngineReadPort } from '../../../../src/main/core/ports/index.ts';
import { createDockerFixture } from '../../support/docker-fixture.ts';
import { ensureGetentImage } from './support/getent-image.ts';
import { ensureNoShellImage } from './support/no-shell-image.ts';

/**
 * Many names looked up in one container, on the real engine, every exec recorded: one `sh -c SCRIPT sh name…`
 * exec where the image has a shell (busybox: nslookup per name; with glibc's getent: getent), and the tools run
 * directly where it has none (an imported image holding only a static busybox as `nslookup`).
 */
const fixture = createDockerFixture();
const engine = DockerEngineAdapter.fromEnvironment();
const TIMEOUT_MS = 10_000;
let ids: { busybox: string; getent: string; noShell: string };
let peerIp: string;

function recording(): { port: Pick<EngineReadPort, 'exec'>; execs: string[][] } {
  const execs: string[][] = [];
  return {
    execs,
    port: {
      exec: (id, argv, t) => {
        execs.push(argv);
        return engine.exec(id, argv, t);
      },
    },
  };
}

beforeAll(async () => {
  const [getentImage, noShellImage] = await Promise.all([ensureGetentImage(fixture.docker), ensureNoShellImage(fixture.docker)]);
  await fixture.network('net');
  const peer = await fixture.container({ name: 'peer', cmd: ['sleep', '3600'], networks: [{ name: 'net', aliases: ['peer-alias'] }] });
  const idle = { cmd: ['sleep', '3600'], networks: [{ name: 'net' }] };
  const [busybox, getent, noShell] = await Promise.all([
    fixture.container({ name: 'busybox', ...idle }),
    fixture.container({ name: 'getent', image: getentImage, ...idle }),
    fixture.container({ name: 'no-shell', image: noShellImage, ...idle }),
  ]);
  ids = { busybox: busybox.id, getent: getent.id, noShell: noShell.id };
  const inspected = await fixture.docker.getContainer(peer.id).inspect();
  peerIp = Object.values(inspected.NetworkSettings.Networks)[0]?.IPAddress ?? '';
  expect(peerIp).not.toBe('');
}, 120_000);

afterAll(() => engine.dispose());

const names = (): string[] => ['peer-alias', fixture.unique('peer'), 'nobody-answers-here'];

describe('lookups of many names in one container, on a real engine', () => {
  it('busybox (sh, no getent): one exec of the constant script, nslookup per name, each answer attributed', async () => {
    const { port, execs } = recording();
    const outcome = await lookupNamesInContainer(port, ids.busybox, names(), TIMEOUT_MS, () => performance.now());
    expect(outcome.execs).toBe(1);
    expect(execs).toEqual([['sh', '-c', SHELL_LOOKUP_SCRIPT, 'sh', ...names()]]);
    expect(outcome.lookups.get('peer-alias')).toMatchObject({ tool: 'nslookup', resolves: true, addresses: [peerIp] });
    expect(outcome.lookups.get(fixture.unique('peer'))).toMatchObject({ tool: 'nslookup', resolves: true, addresses: [peerIp] });
    expect(outcome.lookups.get('nobody-answers-here')).toMatchObject({ tool: 'nslookup', resolves: false });
  });

  it('an image with getent: the same one exec, answered by getent', async () => {
    const { port, execs } = recording();
    const outcome = await lookupNamesInContainer(port, ids.getent, names(), TIMEOUT_MS, () => performance.now());
    expect(execs.map((argv) => argv[0])).toEqual(['sh']);
    expect(outcome.lookups.get('peer-alias')).toMatchObject({ tool: 'getent', resolves: true, addresses: [peerIp] });
    expect(outcome.lookups.get('nobody-answers-here')).toMatchObject({ tool: 'getent', resolves: false });
  });

  it('an image without sh: the script cannot run, the tools run directly (getent missing too, so nslookup per name)', async () => {
    const { port, execs } = recording();
    const outcome = await lookupNamesInContainer(port, ids.noShell, names(), TIMEOUT_MS, () => performance.now());
    expect(outcome.unusable).toBeUndefined();
    expect(execs.map((argv) => argv.slice(0, 2).join(' '))).toEqual([
      'sh -c',
      'getent ahosts',
      'nslookup peer-alias',
      `nslookup ${fixture.unique('peer')}`,
      'nslookup nobody-answers-here',
    ]);
    expect(outcome.execs).toBe(5);
    expect(outcome.lookups.get('peer-alias')).toMatchObject({ tool: 'nslookup', resolves: true, addresses: [peerIp] });
    expect(outcome.lookups.get('nobody-answers-here')).toMatchObject({ tool: 'nslookup', resolves: false });
  });
});
