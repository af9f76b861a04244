import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerEngineAdapter } from '../../../../src/main/adapters/docker/docker-engine.adapter.ts';
import { EngineError } from '../../../../src/main/core/ports/index.ts';
import { createDockerFixture } from '../../support/docker-fixture.ts';
import type { CreatedContainer, CreatedNetwork } from '../../support/docker-fixture.ts';

const engine = DockerEngineAdapter.fromEnvironment();
const fixture = createDockerFixture();
afterAll(() => engine.dispose());

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

describe('EngineControlPort on the real engine: start, stop, restart, kill', () => {
  let box: CreatedContainer;

  beforeAll(async () => {
    // `trap` so SIGTERM ends it at once: stop does not have to wait for the grace period.
    box = await fixture.container({ name: 'ctl', cmd: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 0.1; done'], start: false });
  });

  it('starts a created container, and starting it again is not an error', async () => {
    await engine.start(box.id);
    expect((await engine.inspectContainer(box.id, 5000)).state).toBe('running');
    await engine.start(box.id);
  });

  it('stops it with a grace period, and stopping it again is not an error', async () => {
    await engine.stop(box.id, { graceSeconds: 5 });
    const info = await engine.inspectContainer(box.id, 5000);
    expect(info).toMatchObject({ state: 'exited', exitCode: 0 });
    await engine.stop(box.id, { graceSeconds: 1 });
  });

  it('restarts it: running again, started anew', async () => {
    await engine.start(box.id);
    const before = (await engine.inspectContainer(box.id, 5000)).startedAt;
    await engine.restart(box.id, { graceSeconds: 5 });
    const after = await engine.inspectContainer(box.id, 5000);
    expect(after.state).toBe('running');
    expect(after.startedAt).not.toBe(before);
  });

  it('kills it with a signal; killing a stopped container is CONFLICT', async () => {
    await engine.kill(box.id, 'SIGKILL');
    const info = await fixture.waitForState(box.id, 'exited');
    expect(info.State.ExitCode).toBe(137);
    expect((await rejection(engine.kill(box.id))).code).toBe('CONFLICT');
  });

  it('rejects NOT_FOUND for a container that does not exist, with one line naming the endpoint', async () => {
    const missing = `no-such-${fixture.runId}`;
    const calls = [
      () => engine.start(missing),
      () => engine.stop(missing),
      () => engine.restart(missing),
      () => engine.kill(missing),
      () => engine.inspectContainer(missing, 5000),
    ];
    for (const call of calls) {
      const error = await rejection(call());
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toContain(engine.endpoint.endpoint);
      expect(error.message).not.toContain('\n');
    }
  });
});

describe('EngineControlPort on the real engine: networks', () => {
  let net: CreatedNetwork;
  let target: CreatedContainer;
  let asker: CreatedContainer;

  beforeAll(async () => {
    net = await fixture.network('ctlnet');
    [target, asker] = await Promise.all([
      fixture.container({ name: 'target', cmd: ['sleep', '3600'] }),
      fixture.container({ name: 'asker', cmd: ['sleep', '3600'], networks: [{ name: 'ctlnet' }] }),
    ]);
  });

  it('connects a container with an alias that another container then resolves, and disconnects it', async () => {
    const alias = `svc-${fixture.runId}`;
    expect((await engine.exec(asker.id, ['nslookup', alias], 5000)).exitCode).not.toBe(0);

    await engine.connectNetwork(net.name, target.id, { aliases: [alias] });
    const ip = (await engine.inspectContainer(target.id, 5000)).networks.find((n) => n.name === net.name)?.ipAddress;
    expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const found = await engine.exec(asker.id, ['nslookup', alias], 5000);
    expect(found.exitCode).toBe(0);
    expect(found.stdout).toContain(ip);
    expect((await rejection(engine.connectNetwork(net.name, target.id, { aliases: [alias] }))).code).toBe('CONFLICT');

    await engine.disconnectNetwork(net.name, target.id);
    expect((await engine.inspectContainer(target.id, 5000)).networks.map((n) => n.name)).not.toContain(net.name);
    expect((await engine.exec(asker.id, ['nslookup', alias], 5000)).exitCode).not.toBe(0);
  });

  it('rejects NOT_FOUND for a network that does not exist', async () => {
    expect((await rejection(engine.connectNetwork(`no-such-net-${fixture.runId}`, target.id))).code).toBe('NOT_FOUND');
  });
});

describe('EngineControlPort on the real engine: a twin with a new environment', () => {
  let net: CreatedNetwork;
  let original: CreatedContainer;
  let asker: CreatedContainer;

  beforeAll(async () => {
    net = await fixture.network('twinnet');
    [original, asker] = await Promise.all([
      fixture.container({
        name: 'orig',
        cmd: ['sh', '-c', 'echo "$GREETING" > /tmp/greeting; exec sleep 3600'],
        env: { GREETING: 'old', KEEP: 'kept' },
        labels: { 'com.docker.compose.service': 'orig' },
        networks: [{ name: 'twinnet', aliases: ['orig-alias'] }],
        healthcheck: { test: ['CMD', 'true'], intervalMs: 1000 },
      }),
      fixture.container({ name: 'asker2', cmd: ['sleep', '3600'], networks: [{ name: 'twinnet' }] }),
    ]);
  });

  it('inspects what create needs, creates a twin with the changed env, starts it, and removes the old one', async () => {
    const spec = await engine.inspectSpec(original.id);
    expect(spec).toMatchObject({ name: original.name, image: fixture.image, env: { GREETING: 'old', KEEP: 'kept' } });
    expect(spec.networks).toEqual([{ name: net.name, aliases: ['orig-alias'] }]);
    expect(spec.labels['stack-doctor.test']).toBe(fixture.runId);

    const twinName = `${original.name}-twin`;
    const twinId = await engine.createContainer({ ...spec, name: twinName, env: { ...spec.env, GREETING: 'new' } });
    expect((await engine.inspectContainer(twinId, 5000)).state).toBe('created');
    expect((await rejection(engine.createContainer({ ...spec, name: twinName }))).code).toBe('CONFLICT');

    await engine.stop(original.id, { graceSeconds: 0 });
    await engine.start(twinId);
    const twin = await fixture.inspect(twinId);
    expect(twin.Config.Env).toEqual(expect.arrayContaining(['GREETING=new', 'KEEP=kept']));
    expect(twin.Config.Healthcheck?.Test).toEqual(['CMD', 'true']);
    expect(twin.Config.Labels?.['com.docker.compose.service']).toBe('orig');
    expect((await engine.exec(twinId, ['cat', '/tmp/greeting'], 5000)).stdout).toBe('new\n');
    const resolved = await engine.exec(asker.id, ['nslookup', 'orig-alias'], 5000);
    expect(resolved.exitCode).toBe(0);
    expect(resolved.stdout).toContain(twin.NetworkSettings.Networks[net.name]?.IPAddress);

    await engine.removeContainer(original.id);
    expect((await rejection(engine.inspectContainer(original.id, 5000))).code).toBe('NOT_FOUND');
    expect((await rejection(engine.removeContainer(twinId))).code).toBe('CONFLICT');
    await engine.removeContainer(twinId, { force: true });
    expect((await rejection(engine.removeContainer(twinId))).code).toBe('NOT_FOUND');
  });
});
