import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupervisionEvent } from '../../../src/shared/model/index.ts';
import { TEST_IMAGE } from '../support/busybox-image.ts';
import { composeLabels, tempWorkspace, type TempWorkspace } from '../check/run-check.ts';
import { canRunSecondEngine, createSecondEngine, type SecondEngine } from './support/second-engine.ts';
import { entered, plan, startWatch, type WatchProcess } from './support/watch-process.ts';
import { ready } from './support/watch-ready.ts';

/**
 * The engine goes away under `stack-doctor watch` and comes back: a second dockerd of the test's own (the shared one
 * must never be stopped) is killed with -9 and started again on the same data root. Its containers have no restart
 * policy, so they are stopped by the engine's return; supervision must reconnect, reconcile, and bring back the
 * services that were running, dependencies first. The workspace holds no compose file: what api depends on comes
 * from compose's `com.docker.compose.depends_on` label, as on a project started from elsewhere.
 */
const skip = !canRunSecondEngine() && !process.env['CI'];
let engine: SecondEngine | undefined;
let ws: TempWorkspace;
let watch: WatchProcess | undefined;
const project = `sd-engine-restart-${process.pid}`;

/** A process that ends at once on SIGTERM (the engine's stop at its restart takes no stop timeout). */
const IDLE = ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1 & wait; done'];

async function service(name: string, dependsOn: string[]): Promise<string> {
  const docker = (engine as SecondEngine).docker;
  const labels = {
    ...composeLabels(ws.dir, project, name),
    // As compose writes it: `<service>:<condition>:<restart>` per dependency.
    ...(dependsOn.length > 0 ? { 'com.docker.compose.depends_on': dependsOn.map((d) => `${d}:service_started:false`).join(',') } : {}),
  };
  const created = await docker.createContainer({
    name: `${project}-${name}-1`,
    Image: TEST_IMAGE,
    Cmd: IDLE,
    Labels: labels,
    StopTimeout: 1,
    HostConfig: { NetworkMode: 'none' },
  });
  await created.start();
  return created.id;
}

const startedAt = async (id: string): Promise<string> => (await (engine as SecondEngine).docker.getContainer(id).inspect()).State.StartedAt;

beforeAll(async () => {
  if (skip) return;
  engine = await createSecondEngine();
  await engine.start();
  await engine.loadTestImage();
  ws = await tempWorkspace('sd-engine-restart-');
  await ws.write('stack-doctor.yaml', 'recovery:\n  defaults:\n    initialDelayMs: 200\n    stableAfterMs: 1000\n');
});

afterAll(async () => {
  await watch?.stop();
  await engine?.dispose();
});

describe.skipIf(skip)('watch: the engine lost and back (a second dockerd, killed with -9 and restarted)', { timeout: 120_000 }, () => {
  it('reports lost → connected → reconciled, and brings the stopped services back, dependencies first', async () => {
    const second = engine as SecondEngine;
    const db = await service('db', []);
    const api = await service('api', ['db']);
    const before = { db: await startedAt(db), api: await startedAt(api) };

    const w = startWatch(ws, { DOCKER_HOST: second.host });
    watch = w;
    await ready(w);
    await w.waitFor(entered('db', 'healthy'), 15_000, 'db healthy');
    await w.waitFor(entered('api', 'healthy'), 15_000, 'api healthy');
    const mark = w.events.length;

    await second.crash();
    await w.waitFor((e) => w.events.indexOf(e) >= mark && e.type === 'engine' && e.state === 'lost', 10_000, 'engine lost');
    await second.start();
    const connected = await w.waitFor(
      (e) => w.events.indexOf(e) >= mark && e.type === 'engine' && e.state === 'connected',
      15_000,
      'engine connected again',
    );
    const reconciled = await w.waitFor(
      (e) => w.events.indexOf(e) >= mark && e.type === 'engine' && e.state === 'reconciled',
      10_000,
      'engine reconciled',
    );
    expect(w.events.indexOf(reconciled)).toBeGreaterThan(w.events.indexOf(connected));
    expect(reconciled.type === 'engine' && [...(reconciled.changed ?? [])].sort()).toEqual(['api', 'db']);

    const dbBack = await w.waitFor(plan('db', 'SUCCEEDED'), 20_000, 'db brought back');
    const apiBack = await w.waitFor(plan('api', 'SUCCEEDED'), 25_000, 'api brought back');
    // Dependencies first: api is not started before db is back.
    const apiStart = w.events.find((e) => plan('api', 'IN_PROGRESS')(e) && w.events.indexOf(e) > mark) as SupervisionEvent;
    expect(w.events.indexOf(apiStart)).toBeGreaterThan(w.events.indexOf(dbBack));
    expect(apiBack).toMatchObject({ action: { kind: 'start' } });

    for (const [id, was] of [
      [db, before.db],
      [api, before.api],
    ] as const) {
      const info = await second.docker.getContainer(id).inspect();
      expect(info.State.Running).toBe(true);
      expect(info.State.StartedAt).not.toBe(was);
    }
    const dbStarted = Date.parse(await startedAt(db));
    expect(Date.parse(await startedAt(api))).toBeGreaterThanOrEqual(dbStarted);
    expect(w.invalid).toEqual([]);
  });
});
