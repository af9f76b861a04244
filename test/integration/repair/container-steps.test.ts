import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeLabels, tempWorkspace, type TempWorkspace } from '../check/run-check.ts';
import { createDockerFixture, type CreatedContainer } from '../support/docker-fixture.ts';
import { startHttpService, type HttpService } from '../support/http-service.ts';
import { repairHarness, type RepairHarness } from './support/repair-harness.ts';

/**
 * Start and restart on the real engine, and what a repair must leave alone. Project P of the workspace:
 * - `api` exited with code 3 the first time it ran and sleeps when started again (a missing dependency, since fixed);
 * - `worker` runs but its HEALTHCHECK fails until it is restarted (it marks itself ready on its second start);
 * - `status` serves `{"status":"degraded"}` on its health URL (HEALTH_DEGRADED: needs you, no action);
 * - `deaf` publishes a port nothing listens on (PORT_CLOSED: its fix's restart is not the repair's to run).
 * And `foreign`, a labelled container of another project in another folder, exited like `api`: never touched.
 */
const fixture = createDockerFixture();
const SECOND_RUN_SLEEPS = 'if [ -e /tmp/ran ]; then exec sleep 3600; fi; touch /tmp/ran; exit 3';
// `trap` so the restart's SIGTERM ends it at once instead of after the 10 s grace period.
const READY_ON_SECOND_START =
  'if [ -e /tmp/ran ]; then touch /tmp/ok; fi; touch /tmp/ran; trap "exit 0" TERM; while true; do sleep 0.2; done';

let ws: TempWorkspace;
let api: CreatedContainer;
let worker: CreatedContainer;
let status: HttpService;
let deaf: CreatedContainer;
let foreign: CreatedContainer;
let h: RepairHarness;

const startedAt = async (c: CreatedContainer): Promise<string> => (await fixture.inspect(c.id)).State.StartedAt;

beforeAll(async () => {
  ws = await tempWorkspace('sd-repair-steps-');
  const project = fixture.unique('steps');
  const labels = (service: string): Record<string, string> => composeLabels(ws.dir, project, service);
  api = await fixture.container({ name: 'api', cmd: ['sh', '-c', SECOND_RUN_SLEEPS], labels: labels('api') });
  worker = await fixture.container({
    name: 'worker',
    cmd: ['sh', '-c', READY_ON_SECOND_START],
    labels: labels('worker'),
    healthcheck: { test: ['CMD-SHELL', 'test -f /tmp/ok'], intervalMs: 300, timeoutMs: 300, retries: 1 },
  });
  status = await startHttpService(fixture, { name: 'status', health: { status: 'degraded' }, labels: labels('status') });
  deaf = await fixture.container({ name: 'deaf', cmd: ['sleep', '3600'], labels: labels('deaf'), ports: [{ container: 8080 }] });
  const elsewhere = join(ws.dir, '..', 'elsewhere');
  await mkdir(elsewhere);
  foreign = await fixture.container({
    name: 'foreign',
    cmd: ['sh', '-c', SECOND_RUN_SLEEPS],
    labels: composeLabels(elsewhere, fixture.unique('other'), 'api'),
  });
  await ws.write('stack-doctor.yaml', `services:\n  status:\n    health: ${status.url ?? ''}/health\n`);
  expect(await fixture.waitForExit(api.id)).toBe(3);
  expect(await fixture.waitForExit(foreign.id)).toBe(3);
  await fixture.waitForHealth(worker.id, 'unhealthy');
  h = await repairHarness();
});
afterAll(() => h?.dispose());

describe('repair: start an exited container, restart an unhealthy one, leave the rest alone', () => {
  it('refuses a plan when the stack changed between preview and execute, touching nothing, and offers the new plan', async () => {
    const plan = await h.service.preview(ws.dir);
    expect(plan.steps.map((s) => `${s.kind} ${s.container?.name}`)).toEqual([
      `start-container ${api.name}`,
      `restart-container ${worker.name}`,
    ]);
    const workerStarted = await startedAt(worker);
    // The stack changes under the plan: the worker joins a network.
    const extra = await fixture.network('extra');
    await fixture.docker.getNetwork(extra.id).connect({ Container: worker.id });

    const result = await h.service.execute(plan);

    if (result.status !== 'ran') throw new Error(result.message);
    expect(result.report.status).toBe('refused');
    expect(result.report.refusal).toContain('changed since the preview');
    expect(result.report.replanned?.steps.map((s) => s.kind)).toEqual(['start-container', 'restart-container']);
    expect(result.report.replanned?.fingerprint).not.toBe(plan.fingerprint);
    expect((await fixture.inspect(api.id)).State.Status).toBe('exited');
    expect(await startedAt(worker)).toBe(workerStarted);
    expect(h.events.map((e) => e.type)).toEqual(['refused', 'finished']);
  });

  it('starts the exited container and restarts the unhealthy one; the "needs you" findings and the other project stay as they were', async () => {
    const untouched = await Promise.all([status, deaf, foreign].map(startedAt));
    const plan = await h.service.preview(ws.dir);
    const needs = plan.needsYou.map((n) => n.finding.id);
    expect(needs).toEqual(expect.arrayContaining(['HEALTH_DEGRADED', 'PORT_CLOSED']));
    expect(plan.needsYou.find((n) => n.finding.id === 'PORT_CLOSED')?.why).toContain('does not change its code');
    expect(JSON.stringify(plan)).not.toContain(foreign.name);

    const result = await h.service.execute(plan);

    if (result.status !== 'ran') throw new Error(result.message);
    expect(result.report.outcomes.map((o) => [o.status, o.detail])).toEqual([
      ['succeeded', `${api.name} is running`],
      ['succeeded', `${worker.name} is running, healthy`],
    ]);
    expect((await fixture.inspect(api.id)).State.Status).toBe('running');
    expect((await fixture.inspect(worker.id)).State.Health?.Status).toBe('healthy');
    const board = result.report.scoreboard;
    expect(board?.closed.map((f) => f.id).sort()).toEqual(['CONTAINER_EXITED', 'CONTAINER_UNHEALTHY']);
    expect(board?.remaining.map((f) => f.id)).toEqual(expect.arrayContaining(['HEALTH_DEGRADED', 'PORT_CLOSED']));
    expect(board?.appeared).toEqual([]);
    // Never touched: the "needs you" containers run as they did, and the other project's container is still exited.
    expect(await Promise.all([status, deaf, foreign].map(startedAt))).toEqual(untouched);
    expect((await fixture.inspect(foreign.id)).State).toMatchObject({ Status: 'exited', ExitCode: 3 });
  });
});
