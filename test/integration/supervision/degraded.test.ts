import { afterEach, describe, expect, it } from 'vitest';
import { createDockerFixture } from '../support/docker-fixture.ts';
import { startHttpService } from '../support/http-service.ts';
import { composeLabels } from '../check/run-check.ts';
import { execIn, stackUnderTest } from './support/stack.ts';
import { entered, startWatch, type WatchProcess } from './support/watch-process.ts';
import { quietFor, ready } from './support/watch-ready.ts';

/** A degraded spell shorter than the policy's grace, under `stack-doctor watch --json` against the real engine. */
const fixture = createDockerFixture();
const watches: WatchProcess[] = [];
afterEach(async () => {
  for (const w of watches.splice(0)) {
    await w.stop();
    expect(w.invalid).toEqual([]);
  }
});

const GRACE_MS = 6000;

describe('watch: degraded shorter than the grace', { timeout: 120_000 }, () => {
  it('leaves a service alone that reports degraded for less than degradedGraceMs, and sees it healthy again', async () => {
    const stack = await stackUnderTest(fixture, 'degraded');
    const web = await startHttpService(fixture, {
      name: 'degraded-web',
      port: 8080,
      health: { status: 'ok' },
      labels: composeLabels(stack.ws.dir, stack.project, 'web'),
    });
    await stack.ws.write(
      'stack-doctor.yaml',
      [
        'services:',
        '  web:',
        `    health: ${web.url}/health`,
        'recovery:',
        '  probeIntervalMs: 300',
        '  defaults:',
        `    degradedGraceMs: ${GRACE_MS}`,
        '    startGraceMs: 1000',
        '',
      ].join('\n'),
    );
    const startedAt = (await fixture.inspect(web.id)).State.StartedAt;
    const w = startWatch(stack.ws);
    watches.push(w);
    await ready(w);
    await w.waitFor(entered('web', 'healthy'), 15_000, 'web healthy');

    await execIn(fixture, web.id, ['sh', '-c', `printf '{"status":"degraded"}' > /www/health`]);
    const degraded = await w.waitFor(entered('web', 'degraded'), 5000, 'web degraded');
    // Degraded for about a third of the grace, then well again.
    await quietFor(GRACE_MS / 3);
    await execIn(fixture, web.id, ['sh', '-c', `printf '{"status":"ok"}' > /www/health`]);
    const healthy = await w.waitFor(
      (e) => entered('web', 'healthy')(e) && e.type === 'service-state' && e.previous === 'degraded',
      5000,
      'web healthy again',
    );
    expect(Date.parse(healthy.at) - Date.parse(degraded.at)).toBeLessThan(GRACE_MS);
    // Past the moment the grace would have ended had it stayed degraded: still nothing.
    await quietFor(GRACE_MS);

    expect(w.events.filter((e) => e.type === 'recovery' && e.service === 'web')).toEqual([]);
    const states = w.events.flatMap((e) => (e.type === 'service-state' && e.service === 'web' ? [e.state] : []));
    expect(states.slice(states.indexOf('degraded'))).toEqual(['degraded', 'healthy']);
    const after = await fixture.inspect(web.id);
    expect(after.State.Running).toBe(true);
    expect(after.State.StartedAt).toBe(startedAt);
  });
});
