import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DockerEngineAdapter } from '../../../src/main/adapters/docker/docker-engine.adapter.ts';
import { createStackServiceControl } from '../../../src/main/app/stack-service-control.ts';
import { composeLabels, runCheckJson } from '../check/run-check.ts';
import { createDockerFixture } from '../support/docker-fixture.ts';
import { stackUnderTest } from '../supervision/support/stack.ts';
import { entered, startWatch, type WatchProcess } from '../supervision/support/watch-process.ts';

/**
 * The tray's service actions on the real engine, while `stack-doctor watch` supervises the stack in another process
 * (as the tray app's own supervisor would): a Stop from the tray is the user's, so supervision records
 * `stopped-by-user` and never restarts it; Start brings it back; a container outside the stack is refused untouched.
 */
const fixture = createDockerFixture();
const engine = DockerEngineAdapter.fromEnvironment();
const watches: WatchProcess[] = [];
afterEach(async () => {
  for (const w of watches.splice(0)) await w.stop();
});
afterAll(() => engine.dispose());

const quietFor = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('tray service actions (real engine, real supervision)', () => {
  it('Stop is recorded as the user’s and not restarted; Start brings it back; a container outside the stack is refused', async () => {
    const stack = await stackUnderTest(fixture, 'traystop');
    // `trap` so the stop's SIGTERM ends it at once instead of after the grace period.
    const api = await stack.service('api', { cmd: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 0.2; done'] });
    const outsider = await fixture.container({
      name: 'outsider',
      cmd: ['sleep', '3600'],
      labels: composeLabels('/elsewhere', fixture.unique('other'), 'outsider'),
    });
    const { diagnosis } = await runCheckJson(stack.ws);
    expect(diagnosis.services.map((s) => s.name)).toEqual(['api']);
    const w = startWatch(stack.ws);
    watches.push(w);
    await w.waitFor((e) => e.type === 'supervision' && e.state === 'started', 40_000, 'started');
    await w.waitFor((e) => e.type === 'engine' && e.state === 'connected', 10_000, 'engine connected');
    const control = createStackServiceControl({ lastDiagnosis: () => diagnosis, engine });

    expect(await control.act('stop', 'outsider')).toMatchObject({ ok: false, code: 'NOT_IN_STACK' });
    expect((await fixture.inspect(outsider.id)).State.Running).toBe(true);

    expect(await control.act('stop', 'api')).toEqual({ ok: true, message: `Stopped api (${api.name}).` });
    await w.waitFor(entered('api', 'stopped-by-user'), 15_000, 'stopped-by-user');
    await quietFor(4000);
    expect(w.events.filter((e) => e.type === 'recovery' && e.service === 'api')).toEqual([]);
    expect((await fixture.inspect(api.id)).State.Running).toBe(false);

    expect(await control.act('start', 'api')).toMatchObject({ ok: true });
    expect((await fixture.inspect(api.id)).State.Running).toBe(true);
    await w.waitFor((e) => e.type === 'service-state' && e.service === 'api' && e.state !== 'stopped-by-user', 15_000, 'api back');
  });
});
