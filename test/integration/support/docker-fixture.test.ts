import { describe, expect, it } from 'vitest';
import { createDockerFixture } from './docker-fixture.ts';
import { startHttpService } from './http-service.ts';

const fixture = createDockerFixture();

describe('docker fixture', () => {
  it('serves JSON health and extra files from busybox httpd on a published port', async () => {
    const svc = await startHttpService(fixture, { name: 'web', health: { status: 'degraded' }, files: { '/api/info': 'hello' } });
    expect(svc.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${svc.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'degraded' });
    expect(await (await fetch(`${svc.url}/api/info`)).text()).toBe('hello');
    expect((await fetch(`${svc.url}/missing`)).status).toBe(404);
  });

  it('attaches networks with aliases (by the base name given to network()) and waits for unpublished httpd', async () => {
    const net = await fixture.network('app');
    expect(net.name).toBe(`app-${fixture.runId}`);
    const svc = await startHttpService(fixture, {
      name: 'api',
      publish: false,
      networks: [{ name: 'app', aliases: ['api-alias'] }, { name: 'bridge' }],
    });
    expect(svc.url).toBeUndefined();
    const info = await fixture.inspect(svc.id);
    expect(Object.keys(info.NetworkSettings.Networks).sort()).toEqual(['bridge', net.name].sort());
    expect(info.NetworkSettings.Networks[net.name]?.Aliases).toContain('api-alias');
    expect(info.Config.Labels['stack-doctor.test']).toBe(fixture.runId);
  });

  it('dispose removes everything the fixture created, and only that', async () => {
    const own = createDockerFixture();
    const other = await fixture.container({ name: 'keep', cmd: ['sleep', '3600'] });
    const net = await own.network('gone');
    const c = await own.container({
      name: 'gone',
      cmd: ['sleep', '3600'],
      networks: [{ name: 'gone' }],
      restartPolicy: { name: 'always' },
    });
    await own.dispose();
    await expect(own.inspect(c.id)).rejects.toThrow(/no such container/i);
    await expect(own.docker.getNetwork(net.id).inspect()).rejects.toThrow(/not found/i);
    expect((await fixture.inspect(other.id)).State.Status).toBe('running');
    await own.dispose();
  });

  it('times out a wait with the description in the error', async () => {
    await expect(fixture.waitFor(() => false, { timeoutMs: 150, intervalMs: 20, description: 'the impossible' })).rejects.toThrow(
      /Timed out after 150 ms waiting for the impossible/,
    );
  });
});
