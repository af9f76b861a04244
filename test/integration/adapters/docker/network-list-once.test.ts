import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerEngineAdapter } from '../../../../src/main/adapters/docker/docker-engine.adapter.ts';
import { createDockerFixture } from '../../support/docker-fixture.ts';

/**
 * What a diagnosis asks of the engine at once (version, containers, networks), through a proxy in front of the
 * real engine's socket that records every request line: the networks are listed once, not once for the network
 * list and again for the container listing's network labels.
 */
const ENGINE_SOCKET = '/var/run/docker.sock';
const fixture = createDockerFixture();
const dir = mkdtempSync(join(tmpdir(), 'sd-net-once-'));
const socket = join(dir, 'engine.sock');
const requests: string[] = [];
let proxy: Server;
let engine: DockerEngineAdapter;

beforeAll(async () => {
  proxy = createServer((client) => {
    const upstream = connect(ENGINE_SOCKET);
    client.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString('latin1').matchAll(/^(GET|POST|PUT|DELETE|HEAD) (\S+) HTTP\/1\.[01]\r$/gm))
        requests.push(`${match[1]} ${match[2]}`);
    });
    client.pipe(upstream).pipe(client);
    const close = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', close);
    upstream.on('close', close);
  });
  await new Promise<void>((resolve) => proxy.listen(socket, resolve));
  engine = DockerEngineAdapter.fromEnvironment({ DOCKER_HOST: `unix://${socket}` });
  // A compose-labelled network with a container on it, so the listing has network labels to use.
  await fixture.network('net', { labels: { 'com.docker.compose.project': fixture.unique('p'), 'com.docker.compose.network': 'net' } });
  await fixture.container({ name: 'member', cmd: ['sleep', '3600'], networks: [{ name: 'net' }] });
}, 60_000);

afterAll(async () => {
  await engine.dispose();
  await new Promise((resolve) => proxy.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const networkLists = (): number => requests.filter((line) => /^GET \/(v[\d.]+\/)?networks(\?|$)/.test(line)).length;

describe('the engine calls a diagnosis makes at once, on the real engine', () => {
  it('list the networks once for the network list and the container listing together', async () => {
    requests.length = 0;
    const [, containers, networks] = await Promise.all([
      engine.version(10_000),
      engine.listContainers(10_000),
      engine.listNetworks(10_000),
    ]);
    expect(requests.some((line) => /\/containers\/json/.test(line))).toBe(true);
    expect(networkLists()).toBe(1);
    expect(networks.map((n) => n.name)).toContain(fixture.unique('net'));
    const member = containers.find((c) => c.name === fixture.unique('member'));
    expect(member?.networks.map((n) => n.name)).toEqual([fixture.unique('net')]);
  });

  it('asks again for a later call (nothing is cached)', async () => {
    requests.length = 0;
    await engine.listNetworks(10_000);
    await engine.listNetworks(10_000);
    expect(networkLists()).toBe(2);
  });
});
