import { describe, expect, it } from 'vitest';
import { createDockerFixture } from '../support/docker-fixture.ts';
import { composeLabels, findingOf, runCheckJson, tempWorkspace } from './run-check.ts';

/** Container state findings from the real engine: a crashed container and a failing Docker HEALTHCHECK. */
const fixture = createDockerFixture();

describe('check: container state', () => {
  it('reports an exited container (exit code 3) as CONTAINER_EXITED with a start-container action; exit 2', async () => {
    const ws = await tempWorkspace('sd-exited-');
    const worker = await fixture.container({
      name: 'worker',
      cmd: ['sh', '-c', 'echo "cannot read /etc/worker.conf" >&2; exit 3'],
      labels: composeLabels(ws.dir, fixture.unique('jobs'), 'worker'),
    });
    expect(await fixture.waitForExit(worker.id)).toBe(3);

    const { code, diagnosis } = await runCheckJson(ws);

    const exited = findingOf(diagnosis, 'CONTAINER_EXITED');
    expect(exited).toMatchObject({ severity: 'error', subject: `${fixture.unique('jobs')}/worker` });
    expect(exited.summary).toContain('exited with code 3');
    expect(exited.fix.action).toEqual({ kind: 'start-container', params: { container: worker.name } });
    expect(exited.evidence[0]).toMatchObject({ kind: 'container', ok: false, error: { code: 'EXITED_3' } });
    const report = diagnosis.services.find((s) => s.name === 'worker');
    expect(report?.container).toMatchObject({ state: 'exited', exitCode: 3 });
    expect(diagnosis.verdict).toBe('unhealthy');
    expect(code).toBe(2);
  });

  it('reports a failing HEALTHCHECK as CONTAINER_UNHEALTHY quoting the last check output; exit 2', async () => {
    const ws = await tempWorkspace('sd-unhealthy-');
    const api = await fixture.container({
      name: 'api',
      cmd: ['sleep', '3600'],
      labels: composeLabels(ws.dir, fixture.unique('shop'), 'api'),
      healthcheck: { test: ['CMD-SHELL', 'echo "database connection refused"; exit 1'], intervalMs: 200, retries: 1 },
    });
    await fixture.waitForHealth(api.id, 'unhealthy');

    const { code, diagnosis } = await runCheckJson(ws);

    const unhealthy = findingOf(diagnosis, 'CONTAINER_UNHEALTHY');
    expect(unhealthy.severity).toBe('error');
    expect(unhealthy.cause).toContain('database connection refused');
    expect(unhealthy.fix.action).toEqual({ kind: 'restart-container', params: { container: api.name } });
    expect(diagnosis.services.find((s) => s.name === 'api')?.container).toMatchObject({ state: 'running', health: 'unhealthy' });
    expect(diagnosis.verdict).toBe('unhealthy');
    expect(code).toBe(2);
  });
});
