import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recoverySnapshotSchema, type RecoverySnapshot } from '../../../src/shared/model/index.ts';
import { createDockerFixture } from '../support/docker-fixture.ts';
import { execIn, stackUnderTest } from './support/stack.ts';
import { entered, plan, startWatch, type WatchProcess } from './support/watch-process.ts';
import { ready } from './support/watch-ready.ts';

/**
 * `stack-doctor watch` killed with SIGKILL while a recovery is IN_PROGRESS (not merely scheduled): the snapshot on
 * disk stays whole, and the next start restores the history and reports the interrupted attempt.
 */
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

/**
 * Healthy (HEALTHCHECK `test -f /tmp/ok`) as soon as it starts, unless `/tmp/slow` exists: then only after 20 s, so
 * the recovery that started it stays IN_PROGRESS, verifying. Crashes (exit 3) when `/tmp/crash` appears.
 */
const SLOW_WHEN_ASKED = [
  'sh',
  '-c',
  'trap "exit 0" TERM; rm -f /tmp/ok; if [ -f /tmp/slow ]; then sleep 20 & wait; fi; touch /tmp/ok; ' +
    'while [ ! -f /tmp/crash ]; do sleep 0.1 & wait; done; rm -f /tmp/crash; exit 3',
];

async function snapshotWhere(file: string, holds: (s: RecoverySnapshot) => boolean, withinMs: number): Promise<RecoverySnapshot> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const text = await readFile(file, 'utf8').catch(() => '');
    const parsed = text ? recoverySnapshotSchema.safeParse(JSON.parse(text)) : undefined;
    if (parsed?.success && holds(parsed.data)) return parsed.data;
    if (Date.now() > deadline) throw new Error(`recovery.json never held what was waited for; last:\n${text}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

describe('watch killed (SIGKILL) while a recovery is IN_PROGRESS', { timeout: 120_000 }, () => {
  it('leaves a whole snapshot; the next start keeps the history and reports the attempt as interrupted', async () => {
    const config = 'recovery:\n  defaults:\n    initialDelayMs: 200\n    healthTimeoutMs: 30000\n';
    const stack = await stackUnderTest(fixture, 'midplan', config);
    const web = await stack.service('web', {
      cmd: SLOW_WHEN_ASKED,
      healthcheck: { test: ['CMD-SHELL', 'test -f /tmp/ok'], intervalMs: 200, timeoutMs: 5000, retries: 1 },
    });
    await fixture.waitForHealth(web.id, 'healthy');
    const file = join(stack.ws.dir, '..', 'data', 'recovery.json');

    const first = watch(stack.ws);
    await ready(first);
    await first.waitFor(entered('web', 'healthy'), 10_000, 'web healthy');
    // One recovery that finishes, for the history.
    await execIn(fixture, web.id, ['touch', '/tmp/crash']);
    const finished = await first.waitFor(plan('web', 'SUCCEEDED'), 20_000, 'first recovery');
    const finishedId = finished.type === 'recovery' ? finished.planId : '';
    // A second one that is still verifying when the watcher dies.
    await execIn(fixture, web.id, ['touch', '/tmp/slow', '/tmp/crash']);
    const running = await first.waitFor(
      (e) => plan('web', 'IN_PROGRESS')(e) && e.type === 'recovery' && e.planId !== finishedId,
      15_000,
      'second recovery in progress',
    );
    const runningId = running.type === 'recovery' ? running.planId : '';
    const saved = await snapshotWhere(file, (s) => s.status.active.some((p) => p.id === runningId), 5000);
    await first.stop('SIGKILL');
    expect(first.child.signalCode).toBe('SIGKILL');
    // Killed while that plan ran: it never ended.
    const ended = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);
    expect(first.events.filter((e) => e.type === 'recovery' && e.planId === runningId && ended.has(e.state))).toEqual([]);

    // What the killed process left: whole, with the finished plan in the history and the running one active.
    const left = recoverySnapshotSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    expect(left.history.map((h) => h.planId)).toContain(finishedId);
    expect(left.status.active.find((p) => p.id === runningId)).toMatchObject({ state: 'IN_PROGRESS', service: 'web' });
    expect(left.history.length).toBeGreaterThanOrEqual(saved.history.length);

    const second = watch(stack.ws);
    const interrupted = await second.waitFor(
      (e) => e.type === 'recovery' && e.planId === runningId && e.state === 'FAILED',
      40_000,
      'the interrupted plan reported',
    );
    expect(interrupted.type === 'recovery' && interrupted.reason).toMatch(/interrupted/);
    await ready(second);
    await second.stop('SIGTERM');

    const after = recoverySnapshotSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    const ids = after.history.map((h) => h.planId);
    expect(ids).toContain(finishedId);
    expect(ids).toContain(runningId);
    expect(after.history.find((h) => h.planId === runningId)).toMatchObject({ state: 'FAILED', service: 'web' });
    expect(after.history.find((h) => h.planId === runningId)?.reason).toMatch(/interrupted/);
  });
});
