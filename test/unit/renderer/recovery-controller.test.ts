import { afterEach, describe, expect, it } from 'vitest';
import { RecoveryController, type ControllerTimers } from '../../../src/renderer/src/features/recovery/recovery-controller.ts';
import type { SyncDisposable } from '../../../src/shared/lifecycle/disposable.ts';
import { recoveryPolicySchema, type SupervisionEvent } from '../../../src/shared/model/index.ts';
import { FakeSupervisor, planView, serviceStatus, T0 } from '../ipc/support/fake-supervisor.ts';
import { supervisedApi } from '../ipc/support/supervised-api.ts';

const settle = () => new Promise((done) => setTimeout(done, 0));

/** Timers the test fires by hand. */
function manualTimers(): ControllerTimers & { fire(): void; pending(): number } {
  const queue = new Map<number, () => void>();
  let next = 1;
  return {
    setTimeout: (callback) => {
      queue.set(next, callback);
      return next++;
    },
    clearTimeout: (handle) => queue.delete(handle as number),
    fire: () => {
      const callbacks = [...queue.values()];
      queue.clear();
      for (const callback of callbacks) callback();
    },
    pending: () => queue.size,
  };
}

const stateEvent: SupervisionEvent = {
  type: 'service-state',
  service: 'api',
  state: 'crash-looping',
  previous: 'healthy',
  reason: 'exit 1',
  at: T0,
};

const cleanups: SyncDisposable[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup.dispose();
});

/** A controller over the pipeline; `undefined`: a host without a supervisor. */
async function wire(supervisor: FakeSupervisor | undefined) {
  const wired = supervisedApi(supervisor);
  const timers = manualTimers();
  const controller = new RecoveryController({ api: wired.api, timers, refreshThrottleMs: 250 });
  const running = controller.start();
  cleanups.push(running, wired);
  await settle();
  return { controller, timers, invoked: wired.invoked, running };
}

async function setup(supervisor = new FakeSupervisor()) {
  return { supervisor, ...(await wire(supervisor)) };
}

describe('RecoveryController over the real contract pipeline and a fake supervisor', () => {
  it('loads status and a bounded history at start', async () => {
    const { controller, invoked, supervisor } = await setup();
    expect(controller.getSnapshot()).toMatchObject({ loaded: true, unavailable: false, error: null, status: supervisor.current });
    expect(invoked.sort()).toEqual(['supervision:history', 'supervision:status']);
    expect(supervisor.calls).toEqual(['history:50']);
  });

  it('a burst of supervisor events makes one throttled re-read, not one per event', async () => {
    const { supervisor, controller, timers, invoked } = await setup();
    invoked.length = 0;
    for (let i = 0; i < 20; i++) supervisor.emit(stateEvent);
    expect(timers.pending()).toBe(1);
    supervisor.current = {
      ...supervisor.current,
      recovery: { ...supervisor.current.recovery, services: [serviceStatus({ state: 'crash-looping' })] },
    };
    timers.fire();
    await settle();
    expect(invoked.filter((c) => c === 'supervision:status')).toHaveLength(1);
    expect(controller.getSnapshot().status?.recovery.services[0]?.state).toBe('crash-looping');
  });

  it('never runs two reads at once: a refresh during a read runs once after it', async () => {
    const { controller, invoked } = await setup();
    invoked.length = 0;
    const first = controller.refresh();
    void controller.refresh();
    void controller.refresh();
    await first;
    await settle();
    expect(invoked.filter((c) => c === 'supervision:status')).toHaveLength(2);
  });

  it('pause then resume flip the switch, and the view shows the answer', async () => {
    const { controller, supervisor } = await setup();
    await controller.togglePause();
    expect(supervisor.calls).toContain('pause');
    expect(controller.getSnapshot().status?.paused).toBe(true);
    await controller.togglePause();
    expect(controller.getSnapshot().status?.paused).toBe(false);
    expect(controller.getSnapshot().busy.size).toBe(0);
  });

  it('cancel moves a scheduled plan to history as CANCELLED; a second cancel shows UNKNOWN_PLAN in the banner', async () => {
    const supervisor = new FakeSupervisor();
    supervisor.setQueued([planView({ id: 'p-1' })]);
    const { controller } = await setup(supervisor);
    expect(controller.getSnapshot().status?.recovery.queued).toHaveLength(1);
    await controller.cancel('p-1');
    expect(controller.getSnapshot().status?.recovery.queued).toEqual([]);
    expect(controller.getSnapshot().history[0]).toMatchObject({ planId: 'p-1', state: 'CANCELLED' });
    await controller.cancel('p-1');
    expect(controller.getSnapshot().error).toMatchObject({ code: 'UNKNOWN_PLAN' });
    controller.dismissError();
    expect(controller.getSnapshot().error).toBeNull();
  });

  it('approve queues an awaiting plan', async () => {
    const supervisor = new FakeSupervisor();
    supervisor.setQueued([planView({ id: 'p-m', state: 'AWAITING_MANUAL', dueAt: null })]);
    const { controller } = await setup(supervisor);
    await controller.approve('p-m');
    expect(controller.getSnapshot().status?.recovery.queued[0]).toMatchObject({ id: 'p-m', state: 'SCHEDULED' });
  });

  it('savePolicy persists a valid policy and answers the field errors main gives for an invalid one', async () => {
    const { controller, supervisor } = await setup();
    const policy = recoveryPolicySchema.parse({ strategy: 'linear', initialDelayMs: 30_000, maxDelayMs: 60_000 });
    expect(await controller.savePolicy('api', policy)).toBeNull();
    expect(supervisor.current.policies['api']).toMatchObject({ strategy: 'linear', initialDelayMs: 30_000 });
    expect(controller.getSnapshot().status?.policies['api']).toMatchObject({ strategy: 'linear' });
    // The renderer's own check would catch this; main refuses it too, naming the field.
    const refused = await controller.savePolicy('api', { ...policy, maxDelayMs: 10 });
    expect(refused).toEqual({ maxDelayMs: expect.stringContaining('maxDelayMs (10) must be ≥ initialDelayMs (30000)') });
    expect(await controller.savePolicy('db', policy)).toEqual({ form: 'UNKNOWN_SERVICE: db is not supervised' });
    expect(controller.getSnapshot().error).toBeNull();
  });

  it('a host without a supervisor shows "unavailable", not an error', async () => {
    const { controller } = await wire(undefined);
    expect(controller.getSnapshot()).toMatchObject({ loaded: true, unavailable: true, error: null, status: null });
  });

  it('a failing supervisor shows its error in the banner', async () => {
    const supervisor = new FakeSupervisor();
    supervisor.status = () => {
      throw new Error('store unreadable');
    };
    const { controller } = await setup(supervisor);
    expect(controller.getSnapshot()).toMatchObject({
      loaded: true,
      unavailable: false,
      error: { code: 'INTERNAL', message: 'store unreadable' },
    });
  });

  it('stopping unsubscribes and cancels the pending re-read', async () => {
    const { supervisor, timers, running } = await setup();
    supervisor.emit(stateEvent);
    expect(timers.pending()).toBe(1);
    running.dispose();
    expect(timers.pending()).toBe(0);
    supervisor.emit(stateEvent);
    expect(timers.pending()).toBe(0);
  });
});
