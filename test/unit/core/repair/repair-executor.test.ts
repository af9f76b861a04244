import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../../src/main/core/ports/engine-error.ts';
import type { ContainerInfo, RepairProgress } from '../../../../src/shared/model/index.ts';
import { runningContainer } from '../../support/container-info.ts';
import { FakeCompose } from './support/fake-ports.ts';
import { harness } from './support/harness.ts';

const shop = (name: string, over: Partial<ContainerInfo> = {}) =>
  runningContainer({
    id: `id-${name}`,
    name: `shop-${name}-1`,
    labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': name },
    networks: [{ name: 'shop_default', aliases: [name], ipAddress: '172.20.0.2' }],
    ...over,
  });

function incident() {
  const h = harness([
    { name: 'db', containerId: 'id-db' },
    { name: 'api', containerId: 'id-api', dependsOn: ['db'] },
    { name: 'dev', containerId: 'id-dev', needs: { alias: 'orchestrator-service', network: 'shop_backend' } },
  ]);
  h.engine.add(shop('db', { state: 'exited', exitCode: 0 }));
  h.engine.add(shop('api', { state: 'exited', exitCode: 1 }));
  h.engine.add(shop('dev'));
  h.engine.aliases.set('orchestrator-service', 'shop_backend');
  return h;
}

const types = (events: RepairProgress[]): string[] =>
  events.map((e) => (e.type === 'step-finished' ? `${e.type} ${e.outcome.stepId} ${e.outcome.status}` : e.type));

describe('repair execution over fakes', () => {
  it('runs the steps dependencies first, verifies each, re-diagnoses and scores before against after', async () => {
    const h = incident();
    const plan = await h.service.preview('/ws');
    expect(plan.steps.map((s) => s.title)).toEqual(['Start shop-db-1', 'Start shop-api-1', 'Connect shop-dev-1 to shop_backend']);

    const result = await h.drive(h.service.execute(plan));

    expect(result.status).toBe('ran');
    if (result.status !== 'ran') return;
    expect(h.engine.calls.filter((c) => !c.startsWith('exec'))).toEqual(['start id-db', 'start id-api', 'connect shop_backend id-dev']);
    expect(h.engine.calls).toContain('exec getent hosts orchestrator-service');
    expect(result.report.outcomes.map((o) => [o.stepId, o.status, o.detail])).toEqual([
      ['s1', 'succeeded', 'shop-db-1 is running'],
      ['s2', 'succeeded', 'shop-api-1 is running'],
      ['s3', 'succeeded', expect.stringContaining('"orchestrator-service" resolves inside shop-dev-1') as string],
    ]);
    expect(types(h.events)).toEqual([
      'started',
      'step-started',
      'step-finished s1 succeeded',
      'step-started',
      'step-finished s2 succeeded',
      'step-started',
      'step-finished s3 succeeded',
      'verifying',
      'finished',
    ]);
    const board = result.report.scoreboard;
    expect(board).toMatchObject({ result: 'repaired', before: { verdict: 'unhealthy' }, after: { verdict: 'healthy', findings: [] } });
    expect(board?.closed.map((f) => f.id).sort()).toEqual(['CONTAINER_EXITED', 'CONTAINER_EXITED', 'DNS_UNRESOLVABLE_FROM_CONTAINER']);
    // Starts wait settleMs (500 ms) for the container to stay up: that is the engine's time, not the tool's.
    expect(board?.timing.engineMs).toBeGreaterThanOrEqual(1000);
    expect(board?.timing.totalMs).toBeCloseTo((board?.timing.engineMs ?? 0) + (board?.timing.toolMs ?? 0), 0);
    expect(result.report.correlationIds).toEqual({ repair: expect.any(String), plan: 'diag-1', before: 'diag-2', after: 'diag-3' });
    expect(h.reports.written).toHaveLength(1);
    expect(h.reports.written[0]?.markdown).toContain('### s3. Connect shop-dev-1 to shop_backend — succeeded');
    expect(result.files?.json).toMatch(/\.json$/);
  });

  it('refuses, touches nothing and re-plans when the stack changed since the preview', async () => {
    const h = incident();
    const plan = await h.service.preview('/ws');
    // Recreated under the same name: a new id is a different container.
    const db = h.engine.containers.get('id-db');
    h.engine.containers.delete('id-db');
    h.engine.add({ ...(db as NonNullable<typeof db>), id: 'id-db-new' });
    (h.diagnoser as unknown as { services: Array<{ name: string; containerId: string }> }).services[0]!.containerId = 'id-db-new';

    const result = await h.drive(h.service.execute(plan));

    expect(result.status).toBe('ran');
    if (result.status !== 'ran') return;
    expect(h.engine.calls).toEqual([]);
    expect(result.report).toMatchObject({ status: 'refused', outcomes: [], scoreboard: null });
    expect(result.report.refusal).toContain('changed since the preview');
    expect(result.report.replanned?.fingerprint).not.toBe(plan.fingerprint);
    expect(result.report.replanned?.steps[0]?.container?.id).toBe('id-db-new');
    expect(types(h.events)).toEqual(['refused', 'finished']);
    expect(h.reports.written[0]?.report.status).toBe('refused');
  });

  it('skips what depends on a step that failed, and still runs the independent steps', async () => {
    const h = incident();
    h.engine.failStart.set('id-db', new EngineError('CONFLICT', 'port is already allocated'));
    const plan = await h.service.preview('/ws');

    const result = await h.drive(h.service.execute(plan));

    if (result.status !== 'ran') throw new Error('busy');
    expect(result.report.outcomes.map((o) => [o.stepId, o.status, o.error?.code])).toEqual([
      ['s1', 'failed', 'CONFLICT'],
      ['s2', 'skipped', undefined],
      ['s3', 'succeeded', undefined],
    ]);
    expect(result.report.outcomes[1]?.detail).toBe('skipped: s1 did not succeed');
    expect(h.engine.calls).not.toContain('start id-api');
    expect(result.report.scoreboard).toMatchObject({ result: 'improved', steps: { succeeded: 1, failed: 1, skipped: 1 } });
  });

  it('waits for a restarted container to report healthy, and fails the step when it stays starting past the budget', async () => {
    const ok = harness([{ name: 'api', containerId: 'id-api' }]);
    ok.engine.add(shop('api', { health: 'unhealthy' }));
    ok.engine.healthSequence.set('id-api', ['starting', 'starting', 'starting', 'healthy']);
    const plan = await ok.service.preview('/ws');
    const done = await ok.drive(ok.service.execute(plan));
    if (done.status !== 'ran') throw new Error('busy');
    expect(done.report.outcomes[0]).toMatchObject({ status: 'succeeded', detail: 'shop-api-1 is running, healthy' });
    expect(done.report.outcomes[0]?.engineMs).toBeGreaterThanOrEqual(750);

    const slow = harness([{ name: 'api', containerId: 'id-api' }], { timings: { healthTimeoutMs: 2000 } });
    slow.engine.add(shop('api', { health: 'unhealthy' }));
    slow.engine.healthSequence.set('id-api', ['starting']);
    const stuck = await slow.drive(slow.service.execute(await slow.service.preview('/ws')));
    if (stuck.status !== 'ran') throw new Error('busy');
    expect(stuck.report.outcomes[0]).toMatchObject({ status: 'failed', error: { code: 'TIMEOUT' } });
    expect(stuck.report.outcomes[0]?.detail).toContain('running, starting after 2000 ms');
  });

  it('runs one repair at a time', async () => {
    const h = incident();
    const plan = await h.service.preview('/ws');
    const first = h.service.execute(plan);
    expect(await h.service.execute(plan)).toMatchObject({ status: 'busy' });
    await h.drive(first);
  });

  it('stops between steps when cancelled: the rest are skipped and the run says cancelled', async () => {
    const h = incident();
    const plan = await h.service.preview('/ws');
    const abort = new AbortController();
    h.service.onProgress((e) => {
      if (e.type === 'step-finished') abort.abort();
    });
    const result = await h.drive(h.service.execute(plan, { signal: abort.signal }));
    if (result.status !== 'ran') throw new Error('busy');
    expect(result.report.status).toBe('cancelled');
    expect(result.report.outcomes.map((o) => o.status)).toEqual(['succeeded', 'skipped', 'skipped']);
    expect(h.engine.calls.filter((c) => c.startsWith('start'))).toEqual(['start id-db']);
  });

  it('creates a never-created service with compose in its project folder, and redacts secrets of its output in the report', async () => {
    const h = harness([{ name: 'api', containerId: null }]);
    const plan = await h.service.preview('/ws');
    expect(plan.steps[0]?.command).toBe('docker-compose -p shop -f /ws/compose.yaml up -d api');
    const result = await h.drive(h.service.execute(plan));
    if (result.status !== 'ran') throw new Error('busy');
    expect(h.compose.requests).toEqual([
      { project: 'shop', service: 'api', composeFiles: ['/ws/compose.yaml'], cwd: '/ws', timeoutMs: 300_000 },
    ]);
    expect(result.report.outcomes[0]).toMatchObject({ status: 'succeeded', detail: 'shop_api_1 is running' });

    const failing = harness([{ name: 'api', containerId: null }]);
    const secretOutput = 'ERROR: pull access denied for postgres://admin:hunter2@db:5432/app DB_PASSWORD=hunter2';
    const compose = new FakeCompose(failing.engine, { exitCode: 1, output: secretOutput });
    const withSecrets = harness([{ name: 'api', containerId: null }], { compose }, failing.engine);
    const run = await withSecrets.drive(withSecrets.service.execute(await withSecrets.service.preview('/ws')));
    if (run.status !== 'ran') throw new Error('busy');
    expect(run.report.outcomes[0]).toMatchObject({ status: 'failed', error: { code: 'COMPOSE_FAILED' } });
    const written = withSecrets.reports.written[0];
    expect(JSON.stringify(written?.report)).not.toContain('hunter2');
    expect(written?.markdown).not.toContain('hunter2');
    expect(written?.markdown).toContain('postgres://admin:***@db:5432/app');
  });

  it('pins the orchestrator target and records the previous value', async () => {
    const h = harness([]);
    h.settings.settings = { ...h.settings.settings, orchestratorUrl: 'http://old:8006' };
    const { diagnosisOf, finding } = await import('./support/stack.fixture.ts');
    const pin = finding('ORCHESTRATOR_LOCALHOST_FALLBACK', 'x', {
      kind: 'pin-orchestrator-target',
      params: { url: 'http://localhost:8006' },
    });
    h.diagnoser.diagnose = async () => diagnosisOf([], h.settings.settings.orchestratorUrl === 'http://localhost:8006' ? [] : [pin]);
    const result = await h.drive(h.service.execute(await h.service.preview('/ws')));
    if (result.status !== 'ran') throw new Error('busy');
    expect(h.settings.settings.orchestratorUrl).toBe('http://localhost:8006');
    expect(result.report.outcomes[0]?.detail).toBe('orchestrator URL pinned to http://localhost:8006 (was http://old:8006)');
    expect(result.report.scoreboard?.result).toBe('repaired');
  });

  it('scores a repair that leaves a new error finding as worse', async () => {
    const h = incident();
    const plan = await h.service.preview('/ws');
    const { finding } = await import('./support/stack.fixture.ts');
    let executed = false;
    h.service.onProgress((e) => {
      if (e.type === 'verifying') executed = true;
    });
    const original = h.diagnoser.diagnose.bind(h.diagnoser);
    h.diagnoser.diagnose = async () => {
      const d = await original();
      return executed ? { ...d, verdict: 'unhealthy', findings: [finding('PORT_CLOSED', 'shop/api')] } : d;
    };
    const result = await h.drive(h.service.execute(plan));
    if (result.status !== 'ran') throw new Error('busy');
    expect(result.report.scoreboard).toMatchObject({ result: 'worse', appeared: [{ id: 'PORT_CLOSED' }] });
  });
});
