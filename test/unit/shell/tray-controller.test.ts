import { describe, expect, it } from 'vitest';
import type { SmokeServiceRun } from '../../../src/main/app/smoke-service.ts';
import { silentLogger } from '../../../src/main/core/ports/logger.port.ts';
import type { ServiceControl, ServiceOpResult } from '../../../src/main/app/stack-service-control.ts';
import type { TrayWork } from '../../../src/main/shell/tray-activity.ts';
import { createTrayController, logsHash, type TrayControllerDeps } from '../../../src/main/shell/tray-controller.ts';
import type { TrayNotice, TrayQuestion } from '../../../src/main/shell/tray-notices.ts';
import type { RepairExecution } from '../../../src/shared/contract/index.ts';
import { Emitter } from '../../../src/shared/lifecycle/emitter.ts';
import type { RepairPlan, RepairProgress, SmokeProgress } from '../../../src/shared/model/index.ts';
import { plan, ran, scoreboard, smokeBoard, step } from './support/repair-fixtures.ts';

/** A promise the test settles: lets a test look at the tray while an action is in flight. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function setup(
  over: { plan?: RepairPlan; confirm?: boolean; savePath?: string | null; act?: (op: string, s: string) => Promise<ServiceOpResult> } = {},
) {
  const repairProgress = new Emitter<RepairProgress>();
  const smokeProgress = new Emitter<SmokeProgress>();
  const questions: TrayQuestion[] = [];
  const notices: TrayNotice[] = [];
  const opened: string[] = [];
  const executed: Array<{ planId: string; fingerprint: string }> = [];
  const bundles: Array<{ out?: string; workspace?: string }> = [];
  const acts: string[] = [];
  const snapshots: TrayWork[] = [];
  const execution = deferred<RepairExecution>();
  const smokeRun = deferred<SmokeServiceRun>();
  let rechecks = 0;
  const thePlan = over.plan ?? plan([step('s1', 'Connect dev to backend'), step('s2', 'Pin the target')]);
  const services: ServiceControl = {
    act: async (op, s) => {
      acts.push(`${op} ${s}`);
      return over.act ? over.act(op, s) : { ok: true, message: `${op} ${s}` };
    },
  };
  const deps: TrayControllerDeps = {
    repair: {
      preview: async () => thePlan,
      execute: async (ref) => {
        executed.push(ref);
        return execution.promise;
      },
      onProgress: repairProgress.event,
    },
    smoke: { run: () => smokeRun.promise, onProgress: smokeProgress.event },
    bundle: {
      create: async (request = {}) => {
        bundles.push(request);
        return { path: request.out ?? '/data/bundles/b.tar.gz', bytes: 4096, entries: [] };
      },
    },
    services,
    workspace: () => '/work/shop',
    dialogs: {
      confirm: async (question) => {
        questions.push(question);
        return over.confirm ?? true;
      },
      saveBundleAs: async () => (over.savePath === undefined ? '/home/me/b.tar.gz' : over.savePath),
    },
    notify: (notice) => notices.push(notice),
    openDashboard: (hash) => opened.push(hash),
    recheck: () => rechecks++,
    date: () => new Date('2026-01-02T03:04:05.678Z'),
    logger: silentLogger,
  };
  const controller = createTrayController(deps);
  controller.onChange((work) => snapshots.push(work));
  return {
    controller,
    repairProgress,
    smokeProgress,
    questions,
    notices,
    opened,
    executed,
    bundles,
    acts,
    snapshots,
    execution,
    smokeRun,
    rechecks: () => rechecks,
    plan: thePlan,
  };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('tray controller: Repair stack…', () => {
  it('a safe plan: asks natively, repairs with progress in the tray, then notifies before → after and re-checks', async () => {
    const t = setup();
    const done = t.controller.repair();
    await flush();
    expect(t.questions).toHaveLength(1);
    expect(t.questions[0]?.message).toBe('Carry out these 2 safe steps?');
    expect(t.executed).toEqual([{ planId: 'plan-1', fingerprint: 'fp-1' }]);

    // Progress of another run (another face's) does not move the tray; this run's does.
    t.repairProgress.emit({ type: 'step-started', repairId: 'other', stepId: 's1', index: 0, title: 'Elsewhere' });
    t.repairProgress.emit({ type: 'started', repairId: 'r-1', planId: 'plan-1', steps: 2 });
    t.repairProgress.emit({ type: 'step-started', repairId: 'r-1', stepId: 's1', index: 0, title: 'Connect dev to backend' });
    expect(t.controller.work.activity).toEqual({ kind: 'repair', phase: 'running', step: 1, total: 2, title: 'Connect dev to backend' });
    t.repairProgress.emit({ type: 'verifying', repairId: 'r-1', by: 'diagnosis' });
    expect(t.controller.work.activity).toEqual({ kind: 'repair', phase: 'verifying' });
    // One activity at a time: a second click while it runs does nothing.
    await t.controller.repair();
    expect(t.questions).toHaveLength(1);

    t.execution.resolve(ran('completed', scoreboard()));
    await done;
    expect(t.snapshots.map((w) => (w.activity?.kind === 'repair' ? w.activity.phase : null))).toEqual([
      'planning',
      'confirming',
      'running',
      'verifying',
      null,
    ]);
    expect(t.notices).toEqual([
      { title: 'Repair repaired: unhealthy → healthy', body: 'Closed 1 finding: DNS_UNRESOLVABLE_FROM_CONTAINER.' },
    ]);
    expect(t.rechecks()).toBe(1);
    expect(t.opened).toEqual([]);
  });

  it('declined in the dialog: nothing runs, nothing is notified, the tray is idle again', async () => {
    const t = setup({ confirm: false });
    await t.controller.repair();
    expect(t.questions).toHaveLength(1);
    expect(t.executed).toEqual([]);
    expect(t.notices).toEqual([]);
    expect(t.controller.work.activity).toBeNull();
  });

  it('a plan with a step that is not low risk opens the Repair view instead, without asking', async () => {
    const t = setup({ plan: plan([step('s1', 'Connect dev to backend'), step('s2', 'Restart web', 'medium')]) });
    await t.controller.repair();
    expect(t.opened).toEqual(['repair']);
    expect(t.questions).toEqual([]);
    expect(t.executed).toEqual([]);
  });

  it('a plan with no step (only "needs you") opens the Repair view too', async () => {
    const t = setup({ plan: plan([]) });
    await t.controller.repair();
    expect(t.opened).toEqual(['repair']);
  });

  it('refused because the stack changed: notifies and opens the Repair view with the new plan', async () => {
    const t = setup();
    const done = t.controller.repair();
    await flush();
    t.execution.resolve(ran('refused', null));
    await done;
    expect(t.notices[0]?.title).toBe('Repair refused: the stack changed');
    expect(t.opened).toEqual(['repair']);
  });

  it('a preview that fails is a notification, never silence', async () => {
    const t = setup();
    const controller = createTrayController({
      repair: {
        preview: () => Promise.reject(new Error('engine gone')),
        execute: () => Promise.reject(new Error('no')),
        onProgress: new Emitter<RepairProgress>().event,
      },
      smoke: { run: () => t.smokeRun.promise, onProgress: t.smokeProgress.event },
      bundle: { create: () => Promise.reject(new Error('no')) },
      services: { act: async () => ({ ok: true, message: '' }) },
      workspace: () => '/w',
      dialogs: { confirm: async () => true, saveBundleAs: async () => null },
      notify: (notice) => t.notices.push(notice),
      openDashboard: () => undefined,
      recheck: () => undefined,
      date: () => new Date(),
      logger: silentLogger,
    });
    await controller.repair();
    expect(t.notices).toEqual([{ title: 'Repair failed', body: 'engine gone' }]);
    expect(controller.work.activity).toBeNull();
  });
});

describe('tray controller: smoke, bundle, services, logs', () => {
  it('Run smoke tests: counts in the tray while it runs, then a notification with pass/fail counts', async () => {
    const t = setup();
    const done = t.controller.runSmoke();
    expect(t.controller.work.activity).toEqual({ kind: 'smoke', done: 0, total: 0 });
    const result = { suite: 'http', check: 'ok-0', kind: 'http' as const, result: 'pass' as const, durationMs: 3 };
    t.smokeProgress.emit({ runId: 'run-1', result, done: 1, total: 2 });
    expect(t.controller.work.activity).toEqual({ kind: 'smoke', done: 1, total: 2 });
    const board = smokeBoard(1, 1);
    t.smokeRun.resolve({ ok: true, record: { runId: 'run-1', workspace: '/work/shop', suite: null, exitCode: 1, scoreboard: board } });
    await done;
    expect(t.notices).toEqual([
      { title: 'Smoke tests failed: 1/2 passed', body: '1 passed, 1 failed, 0 errors, 0 skipped. Not passing: http/bad-0.' },
    ]);
    expect(t.controller.work.activity).toBeNull();
  });

  it('Save diagnostics bundle…: asks where (default name stamped), writes it there, notifies; a cancelled dialog writes nothing', async () => {
    const t = setup();
    await t.controller.saveBundle();
    expect(t.bundles).toEqual([{ out: '/home/me/b.tar.gz', workspace: '/work/shop' }]);
    expect(t.notices[0]).toEqual({ title: 'Diagnostics bundle saved', body: '/home/me/b.tar.gz (4 KiB, secrets redacted)' });
    const cancelled = setup({ savePath: null });
    await cancelled.controller.saveBundle();
    expect(cancelled.bundles).toEqual([]);
    expect(cancelled.notices).toEqual([]);
  });

  it('a service action: in flight per service in the menu, then a re-check; a refusal is a notification', async () => {
    const gate = deferred<ServiceOpResult>();
    const t = setup({ act: () => gate.promise });
    const done = t.controller.service('stop', 'web');
    expect(t.controller.work.serviceOps).toEqual({ web: 'stop' });
    // A second click on the same service while it runs is ignored.
    await t.controller.service('restart', 'web');
    expect(t.acts).toEqual(['stop web']);
    gate.resolve({ ok: false, code: 'NOT_IN_STACK', message: 'web is not a service of the stack; nothing was done.' });
    await done;
    expect(t.controller.work.serviceOps).toEqual({});
    expect(t.notices).toEqual([{ title: 'web: stop refused', body: 'web is not a service of the stack; nothing was done.' }]);
    expect(t.rechecks()).toBe(1);
  });

  it('Open logs opens the dashboard Logs view filtered on the service', () => {
    const t = setup();
    t.controller.openLogs('web api');
    expect(t.opened).toEqual(['logs/service=web%20api']);
    expect(logsHash('db')).toBe('logs/service=db');
  });
});
