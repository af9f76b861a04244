import { afterEach, describe, expect, it } from 'vitest';
import { createDockerFixture } from '../support/docker-fixture.ts';
import { execIn, stackUnderTest } from './support/stack.ts';
import { entered, plan, startWatch, type WatchProcess } from './support/watch-process.ts';
import { ready } from './support/watch-ready.ts';

/**
 * A crash right after Stack Doctor's own restart is a crash. Stack Doctor marks the containers it stops so their
 * `die` is not taken for a crash; a restart of a container that had already exited causes no `die`, and the mark
 * must not swallow the next, real one.
 */
const fixture = createDockerFixture();
const watches: WatchProcess[] = [];
afterEach(async () => {
  for (const w of watches.splice(0)) {
    await w.stop();
    expect(w.invalid).toEqual([]);
  }
});

/**
 * Healthy while `/tmp/ok` exists; exits 3 when `/tmp/crash` appears. Started while `/tmp/crash-soon` exists, it is
 * healthy at once and exits 4 about three seconds later (after the restart was verified healthy, even on a loaded machine).
 */
const APP = [
  'sh',
  '-c',
  'trap "exit 0" TERM; rm -f /tmp/crash; touch /tmp/ok; ' +
    'if [ -f /tmp/crash-soon ]; then rm -f /tmp/crash-soon; sleep 3 & wait; exit 4; fi; ' +
    'while [ ! -f /tmp/crash ]; do sleep 0.1 & wait; done; exit 3',
];

describe('watch: a crash right after our own restart', { timeout: 120_000 }, () => {
  it('is recovered, not taken for the die of the restart', async () => {
    // The unhealthy restart waits 1.5 s (no stable run yet), long enough for the container to exit meanwhile.
    const config = 'recovery:\n  defaults:\n    initialDelayMs: 1500\n    stableAfterMs: 600000\n';
    const stack = await stackUnderTest(fixture, 'selfdie', config);
    const app = await stack.service('app', {
      cmd: APP,
      healthcheck: { test: ['CMD-SHELL', 'test -f /tmp/ok'], intervalMs: 200, timeoutMs: 5000, retries: 1 },
    });
    await fixture.waitForHealth(app.id, 'healthy');
    const w = startWatch(stack.ws);
    watches.push(w);
    await ready(w);
    await w.waitFor(entered('app', 'healthy'), 15_000, 'app healthy');

    // Unhealthy → a restart is scheduled; before it is due the container exits too.
    await execIn(fixture, app.id, ['sh', '-c', 'touch /tmp/crash-soon; rm /tmp/ok']);
    await w.waitFor(plan('app', 'SCHEDULED'), 10_000, 'restart scheduled');
    await execIn(fixture, app.id, ['touch', '/tmp/crash']).catch(() => undefined);
    await fixture.waitForState(app.id, 'exited');
    const restarted = await w.waitFor(plan('app', 'SUCCEEDED'), 20_000, 'restart verified');
    expect(restarted).toMatchObject({ action: { kind: 'restart' } });

    // About three seconds after it started, it exits 4: a crash, seen and recovered.
    const after = w.events.indexOf(restarted);
    const crashed = await w.waitFor(
      (e) => w.events.indexOf(e) > after && entered('app', 'unavailable')(e),
      10_000,
      'the crash after the restart seen',
    );
    expect(crashed.type === 'service-state' && crashed.reason).toMatch(/exited with code 4/);
    await w.waitFor((e) => w.events.indexOf(e) > after && plan('app', 'SUCCEEDED')(e), 20_000, 'recovered again');
    expect((await fixture.inspect(app.id)).State.Running).toBe(true);
  });
});
