import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerEngineAdapter } from '../../../../src/main/adapters/docker/docker-engine.adapter.ts';
import { EngineError } from '../../../../src/main/core/ports/index.ts';
import type { ContainerInfo } from '../../../../src/shared/model/index.ts';
import { createDockerFixture } from '../../support/docker-fixture.ts';
import type { CreatedContainer, CreatedNetwork } from '../../support/docker-fixture.ts';
import { startHttpService } from '../../support/http-service.ts';
import type { HttpService } from '../../support/http-service.ts';

const engine = DockerEngineAdapter.fromEnvironment();
const fixture = createDockerFixture();

async function rejection(promise: Promise<unknown>): Promise<EngineError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EngineError);
  return error as EngineError;
}

describe('DockerEngineAdapter against the real engine', () => {
  let net: CreatedNetwork;
  let project: string;
  let web: HttpService;
  let exited: CreatedContainer;
  let sick: CreatedContainer;
  let client: CreatedContainer;
  let lonely: CreatedContainer;
  let containers: ContainerInfo[];

  beforeAll(async () => {
    project = fixture.unique('proj');
    net = await fixture.network(`${project}_backend`, {
      exactName: true,
      labels: { 'com.docker.compose.project': project, 'com.docker.compose.network': 'backend' },
    });
    const compose = (service: string): Record<string, string> => ({
      'com.docker.compose.project': project,
      'com.docker.compose.service': service,
      'com.docker.compose.project.working_dir': '/tmp/ws',
    });
    [web, exited, sick, client, lonely] = await Promise.all([
      startHttpService(fixture, {
        name: 'orchestrator',
        labels: compose('orchestrator'),
        env: { MODE: 'test', EMPTY: '', URLISH: 'http://a=b' },
        networks: [{ name: net.name, aliases: ['orchestrator-service'] }],
      }),
      fixture.container({ name: 'exited', cmd: ['sh', '-c', 'exit 3'], networks: [{ name: net.name }] }),
      fixture.container({
        name: 'sick',
        cmd: ['sleep', '3600'],
        healthcheck: { test: ['CMD-SHELL', 'exit 1'], intervalMs: 300, timeoutMs: 300, retries: 1 },
      }),
      fixture.container({ name: 'client', cmd: ['sleep', '3600'], labels: compose('client'), networks: [{ name: net.name }] }),
      fixture.container({ name: 'lonely', cmd: ['sleep', '3600'] }),
    ]);
    expect(await fixture.waitForExit(exited.id)).toBe(3);
    await fixture.waitForHealth(sick.id, 'unhealthy');
    containers = await engine.listContainers(10_000);
  });

  const find = (id: string): ContainerInfo => {
    const found = containers.find((c) => c.id === id);
    if (!found) throw new Error(`container ${id} not listed`);
    return found;
  };

  it('reports the engine version', async () => {
    const version = await engine.version(2000);
    expect(version.version).toMatch(/^\d+\.\d+/);
    expect(version.apiVersion).toMatch(/^1\.\d+$/);
    expect(engine.endpoint.endpoint).toMatch(/^(unix|tcp|npipe|ssh):\/\//);
  });

  it('maps a running container with a published port, env targets, labels and DNS names', () => {
    const info = find(web.id);
    expect(info).toMatchObject({ name: web.name, state: 'running', exitCode: 0, restartCount: 0, health: 'none', image: fixture.image });
    expect(info.status).toMatch(/^Up /);
    // The environment is read for the URLs it names, and only those are kept (no raw values).
    expect(info.envTargets).toEqual([{ url: 'http://a=b', host: 'a=b', port: 80, source: 'env:URLISH' }]);
    expect(info.labels['com.docker.compose.service']).toBe('orchestrator');
    expect(info.labels['stack-doctor.test']).toBe(fixture.runId);
    expect(info.ports).toContainEqual({ containerPort: 8006, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: web.hostPort });
    const onNet = info.networks.find((n) => n.name === net.name);
    expect(onNet?.ipAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(onNet?.aliases).toEqual(expect.arrayContaining(['orchestrator-service', web.name, 'orchestrator', web.id.slice(0, 12)]));
    expect(info.startedAt).toBeDefined();
  });

  it('maps an exited container with its exit code', () => {
    const info = find(exited.id);
    expect(info).toMatchObject({ state: 'exited', exitCode: 3, health: 'none' });
    expect(info.status).toMatch(/^Exited \(3\)/);
    expect(info.finishedAt).toBeDefined();
  });

  it('maps Docker health, and gives no DNS names on the default bridge', () => {
    const sickInfo = find(sick.id);
    expect(sickInfo).toMatchObject({ state: 'running', health: 'unhealthy' });
    expect(sickInfo.networks).toEqual([expect.objectContaining({ name: 'bridge', aliases: [] })]);
    expect(find(lonely.id).networks.map((n) => n.aliases)).toEqual([[]]);
  });

  it('lists networks with whether they have embedded DNS', async () => {
    const networks = await engine.listNetworks(2000);
    const byName = new Map(networks.map((n) => [n.name, n]));
    expect(byName.get('bridge')?.hasDns).toBe(false);
    expect(byName.get('host')?.hasDns).toBe(false);
    expect(byName.get('none')?.hasDns).toBe(false);
    expect(byName.get(net.name)).toMatchObject({ id: net.id, driver: 'bridge', hasDns: true });
    expect(byName.get(net.name)?.labels['com.docker.compose.project']).toBe(project);
  });

  it('execs nslookup: an alias resolves on a shared network, an unknown name does not', async () => {
    const ip = find(web.id).networks.find((n) => n.name === net.name)?.ipAddress;
    const ok = await engine.exec(client.id, ['nslookup', 'orchestrator-service'], 5000);
    expect(ok).toMatchObject({ exitCode: 0, timedOut: false });
    expect(ok.stdout).toContain(ip);
    const missing = await engine.exec(client.id, ['nslookup', 'no-such-service'], 5000);
    expect(missing.timedOut).toBe(false);
    expect(missing.exitCode).not.toBe(0);
    const fromBridge = await engine.exec(lonely.id, ['nslookup', 'orchestrator-service'], 5000);
    expect(fromBridge.exitCode).not.toBe(0);
  });

  it('execs a shell with its exit code and separate stdout and stderr', async () => {
    const result = await engine.exec(client.id, ['sh', '-c', 'echo out; echo err >&2; exit 3'], 5000);
    expect(result).toEqual({ exitCode: 3, stdout: 'out\n', stderr: 'err\n', timedOut: false });
  });

  it('caps exec output at 64 KiB', async () => {
    const result = await engine.exec(client.id, ['sh', '-c', 'head -c 200000 /dev/zero | tr "\\0" x'], 5000);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.length).toBe(64 * 1024);
  });

  it('resolves a missing executable with exit 127 and the reason in stderr', async () => {
    const result = await engine.exec(client.id, ['getent-not-here', 'hosts', 'x'], 5000);
    expect(result).toMatchObject({ exitCode: 127, stdout: '', timedOut: false });
    expect(result.stderr).toMatch(/executable file not found/);
    const notRunnable = await engine.exec(client.id, ['/etc/passwd'], 5000);
    expect(notRunnable).toMatchObject({ exitCode: 126, stdout: '', timedOut: false });
    expect(notRunnable.stderr).toMatch(/permission denied/);
  });

  it('resolves timedOut when the command outlives its timeout', async () => {
    const started = Date.now();
    const result = await engine.exec(client.id, ['sleep', '30'], 500);
    expect(result).toMatchObject({ exitCode: null, timedOut: true });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('rejects exec with CONFLICT for a stopped container and NOT_FOUND for a missing one', async () => {
    expect((await rejection(engine.exec(exited.id, ['true'], 5000))).code).toBe('CONFLICT');
    const missing = await rejection(engine.exec('no-such-container-' + fixture.runId, ['true'], 5000));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).not.toContain('\n');
  });
});

describe('DockerEngineAdapter without an engine', () => {
  let dir: string;
  let silent: Server;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stack-doctor-engine-'));
    // A socket that accepts connections and never answers: a hung engine.
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(join(dir, 'silent.sock'), resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('rejects every call with ENGINE_UNREACHABLE within a second when the socket is missing', async () => {
    const endpoint = `unix://${join(tmpdir(), `missing-${fixture.runId}.sock`)}`;
    const missing = DockerEngineAdapter.fromEnvironment({ DOCKER_HOST: endpoint }, dir);
    expect(missing.endpoint).toEqual({ endpoint });
    const started = Date.now();
    const errors = await Promise.all([
      rejection(missing.version(5000)),
      rejection(missing.listContainers(5000)),
      rejection(missing.listNetworks(5000)),
      rejection(missing.exec('abc', ['true'], 5000)),
    ]);
    expect(Date.now() - started).toBeLessThan(1000);
    for (const error of errors) {
      expect(error.code).toBe('ENGINE_UNREACHABLE');
      expect(error.message).toBe(`Cannot reach the Docker engine at ${endpoint}: ENOENT`);
    }
  });

  it('rejects every call with ENGINE_UNREACHABLE for an endpoint that does not parse', async () => {
    const bad = DockerEngineAdapter.fromEnvironment({ DOCKER_HOST: 'tcp://' }, dir);
    const error = await rejection(bad.version(1000));
    expect(error.code).toBe('ENGINE_UNREACHABLE');
    expect(error.message).toMatch(/^Cannot reach the Docker engine at tcp:\/\/: not a valid endpoint/);
    expect((await rejection(bad.exec('x', ['true'], 1000))).code).toBe('ENGINE_UNREACHABLE');
  });

  it('rejects with ENGINE_UNREACHABLE after the timeout when the engine never answers', async () => {
    const hung = DockerEngineAdapter.fromEnvironment({ DOCKER_HOST: `unix://${join(dir, 'silent.sock')}` }, dir);
    const started = Date.now();
    const error = await rejection(hung.version(300));
    expect(error.code).toBe('ENGINE_UNREACHABLE');
    expect(error.message).toContain('within 300 ms');
    expect(Date.now() - started).toBeLessThan(1000);
    const exec = await hung.exec('abc', ['true'], 300);
    expect(exec).toMatchObject({ timedOut: true, exitCode: null });
  });
});
