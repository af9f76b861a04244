import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recoverySnapshotSchema } from '../../../src/shared/model/index.ts';
import { composeLabels } from '../check/run-check.ts';
import { createDockerFixture } from '../support/docker-fixture.ts';
import { CRASH_ON_DEMAND, execIn, stackUnderTest } from './support/stack.ts';
import { entered, plan, startWatch, type WatchProcess } from './support/watch-process.ts';

/** `stack-doctor watch --json` as a child process against the real engine. */
const fixture = createDockerFixture();
const watches: WatchProcess[] = [];
const watch = (...args: Parameters<typeof startWatch>): WatchProcess => {
  const w = startWatch(...args);
  watches.push(w);
  return w;
};
afterEach(async () => {
  for (const w of watches.splice(0)) {
    await w.stop();
    expect(w.invalid).toEqual([]);
  }
});

/** Supervision started and the event stream is open (events before it would only be caught by the reconcile). */
async function ready(w: WatchProcess): Promise<void> {
  await w.waitFor((e) => e.type === 'supervision' && e.state === 'started', 40_000, 'started');
  await w.waitFor((e) => e.type === 'engine' && e.state === 'connected', 10_000, 'engine connected');
}

/** Lets the engine and the watcher run for `ms` where the test asserts that nothing happens. */
const quietFor = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('watch: supervision against the real engine', () => {
  it('recovers a crashed service, and never touches a crashing container outside the stack', async () => {
    const stack = await stackUnderTest(fixture, 'crash');
    const web = await stack.service('web', { cmd: CRASH_ON_DEMAND });
    // Same service name, another project not tied to the workspace: outside the stack.
    const outsider = await fixture.container({
      name: 'outsider',
      cmd: CRASH_ON_DEMAND,
      labels: composeLabels('/elsewhere', fixture.unique('other'), 'web'),
    });
    const w = watch(stack.ws);
    await ready(w);

    await execIn(fixture, outsider.id, ['touch', '/tmp/crash']);
    await execIn(fixture, web.id, ['touch', '/tmp/crash']);
    await w.waitFor(entered('web', 'unavailable'), 10_000, 'web crashed');
    const done = await w.waitFor(plan('web', 'SUCCEEDED'), 20_000, 'web recovered');
    expect(done).toMatchObject({ action: { kind: 'start' } });
    expect((await fixture.inspect(web.id)).State.Running).toBe(true);

    const outside = await fixture.inspect(outsider.id);
    expect(outside.State.Running).toBe(false);
    expect(outside.State.ExitCode).toBe(3);
  });

  it('never restarts a service the user stopped', async () => {
    const stack = await stackUnderTest(fixture, 'userstop');
    const api = await stack.service('api', { cmd: ['sleep', '3600'] });
    const w = watch(stack.ws);
    await ready(w);

    await fixture.docker.getContainer(api.id).stop({ t: 1 });
    await w.waitFor(entered('api', 'stopped-by-user'), 10_000, 'stopped-by-user');
    await quietFor(4000);
    expect(w.events.filter((e) => e.type === 'recovery' && e.service === 'api')).toEqual([]);
    expect((await fixture.inspect(api.id)).State.Running).toBe(false);
  });

  it('restarts a service Docker reports unhealthy by its HEALTHCHECK', async () => {
    const stack = await stackUnderTest(fixture, 'unhealthy', 'recovery:\n  defaults:\n    stopTimeoutSec: 1\n');
    const db = await stack.service('db', {
      cmd: ['sh', '-c', 'touch /tmp/ok; exec sleep 3600'],
      healthcheck: { test: ['CMD-SHELL', 'test -f /tmp/ok'], intervalMs: 300, retries: 1 },
    });
    await fixture.waitForHealth(db.id, 'healthy');
    const startedAt = (await fixture.inspect(db.id)).State.StartedAt;
    const w = watch(stack.ws);
    await ready(w);

    await execIn(fixture, db.id, ['rm', '/tmp/ok']);
    const scheduled = await w.waitFor(plan('db', 'SCHEDULED'), 15_000, 'restart planned');
    expect(scheduled).toMatchObject({ action: { kind: 'restart' } });
    expect(scheduled.type === 'recovery' && scheduled.reason).toContain('HEALTHCHECK');
    await w.waitFor(plan('db', 'SUCCEEDED'), 30_000, 'restart verified');
    const after = await fixture.inspect(db.id);
    expect(after.State.StartedAt).not.toBe(startedAt);
    expect(after.State.Health?.Status).toBe('healthy');
    // Our own stop/kill was not taken for the user's.
    expect(w.events.some(entered('db', 'stopped-by-user'))).toBe(false);
  });

  it('backs off a crash loop, starts it a bounded number of times, then gives up', async () => {
    const config = 'recovery:\n  defaults:\n    initialDelayMs: 200\n    maxDelayMs: 800\n    maxAttempts: 3\n';
    const stack = await stackUnderTest(fixture, 'loop', config);
    const worker = await stack.service('worker', { cmd: ['sh', '-c', 'sleep 0.5; exit 1'], start: false });
    const w = watch(stack.ws);
    await ready(w);
    // Started by "the user" after supervision began: from then on it is supervised.
    await fixture.docker.getContainer(worker.id).start();

    // (The given-up notification itself is debounced: the engine folds it into the window of the earlier one.)
    await w.waitFor(entered('worker', 'given-up'), 40_000, 'given up');
    const attempts = w.events.filter(plan('worker', 'IN_PROGRESS'));
    expect(attempts.map((e) => e.type === 'recovery' && e.attempt)).toEqual([1, 2, 3]);
    const delays = w.events.filter(plan('worker', 'SCHEDULED')).map((e) => (e.type === 'recovery' ? e.delayMs : -1));
    expect(delays).toEqual([200, 400, 800]);
    await quietFor(2000);
    expect(w.events.filter(plan('worker', 'IN_PROGRESS'))).toHaveLength(3);
    expect((await fixture.inspect(worker.id)).State.Running).toBe(false);
  });

  it('keeps the history intact when killed (SIGKILL) mid-recovery, and restores it on the next start', async () => {
    const config = 'recovery:\n  defaults:\n    initialDelayMs: 200\n    multiplier: 40\n    maxDelayMs: 20000\n';
    const stack = await stackUnderTest(fixture, 'kill9', config);
    const web = await stack.service('web', { cmd: CRASH_ON_DEMAND });
    const file = join(stack.ws.dir, '..', 'data', 'recovery.json');
    const first = watch(stack.ws);
    await ready(first);
    await execIn(fixture, web.id, ['touch', '/tmp/crash']);
    const recovered = await first.waitFor(plan('web', 'SUCCEEDED'), 20_000, 'first recovery');
    await fixture.waitForState(web.id, 'running');
    await execIn(fixture, web.id, ['touch', '/tmp/crash']);
    await first.waitFor((e) => plan('web', 'SCHEDULED')(e) && e.type === 'recovery' && e.attempt === 2, 10_000, 'second plan');
    await first.stop('SIGKILL');

    const saved = recoverySnapshotSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    const planId = recovered.type === 'recovery' ? recovered.planId : '';
    expect(saved.history.map((h) => h.planId)).toContain(planId);

    const second = watch(stack.ws);
    await second.waitFor((e) => e.type === 'supervision' && e.state === 'started', 40_000, 'restarted');
    await second.stop('SIGTERM');
    const again = recoverySnapshotSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    expect(again.history.map((h) => h.planId)).toContain(planId);
    expect(again.status.services.find((s) => s.service === 'web')).toBeDefined();
  });
});
