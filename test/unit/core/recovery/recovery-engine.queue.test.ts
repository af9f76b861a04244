import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../support/fake-clock.ts';
import { PlanQueue } from '../../../../src/main/core/recovery/plan-queue.ts';
import type { RecoveryPlan } from '../../../../src/main/core/recovery/recovery-plan.ts';
import { bootAll, harness } from './support/engine-harness.ts';

let seq = 0;
const plan = (service: string, priority: number, dueMs: number): RecoveryPlan => ({
  id: service,
  service,
  action: { kind: 'start' },
  state: 'SCHEDULED',
  priority,
  attempt: 1,
  maxAttempts: 5,
  delayMs: 0,
  reason: '',
  fingerprint: 'f',
  counted: true,
  createdMs: 0,
  dueMs,
  startedMs: undefined,
  finishedMs: undefined,
  seq: seq++,
  phase: undefined,
  abort: undefined,
});

describe('PlanQueue', () => {
  it('among due plans: lower priority first, then earlier due time, then creation order', async () => {
    const clock = new FakeClock();
    const queue = new PlanQueue(clock, () => undefined);
    for (const p of [plan('c', 1, 30), plan('a', 0, 20), plan('d', 1, 10), plan('b', 0, 40), plan('e', 1, 10)]) queue.add(p);
    await clock.advance(100);
    const order: string[] = [];
    for (let p = queue.takeNext(); p; p = queue.takeNext()) order.push(p.service);
    expect(order).toEqual(['a', 'b', 'd', 'e', 'c']);
  });

  it('a plan not yet due is not taken, whatever its priority; its timer calls onDue at its due time', async () => {
    const clock = new FakeClock();
    const due: number[] = [];
    const queue = new PlanQueue(clock, () => due.push(clock.now()));
    queue.add(plan('urgent-later', 0, 500));
    queue.add(plan('relaxed-now', 9, 0));
    expect(queue.takeNext()?.service).toBe('relaxed-now');
    expect(queue.takeNext()).toBeUndefined();
    // The timer for the plan due at 0 was re-armed for 500 when that plan was taken.
    await clock.advance(499);
    expect(due).toEqual([]);
    await clock.advance(1);
    expect(due).toEqual([500]);
    expect(queue.takeNext()?.service).toBe('urgent-later');
  });

  it('a cancelled plan is skipped; dispose leaves no timer', async () => {
    const clock = new FakeClock();
    const queue = new PlanQueue(clock, () => undefined);
    const cancelled = plan('x', 0, 0);
    queue.add(cancelled);
    queue.add(plan('y', 1, 0));
    cancelled.state = 'CANCELLED';
    expect(queue.takeNext()?.service).toBe('y');
    queue.add(plan('z', 0, 1000));
    queue.takeNext();
    expect(clock.pending).toBe(1);
    queue.dispose();
    expect(clock.pending).toBe(0);
  });
});

describe('RecoveryEngine: parallelism and order', () => {
  const five = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ name }));

  it('at most `parallelism` plans run at once (default 2); the others wait their turn', async () => {
    const h = harness(five);
    await bootAll(h, ['a', 'b', 'c', 'd', 'e']);
    let most = 0;
    h.engine.events(() => (most = Math.max(most, h.engine.status().active.length)));
    for (const name of ['a', 'b', 'c', 'd', 'e']) h.stack.die(name, 1);
    expect(h.engine.status()).toMatchObject({ parallelism: 2 });
    expect(h.engine.status().active.map((p) => p.service)).toEqual(['a', 'b']);
    expect(h.engine.status().queued.map((p) => p.service)).toEqual(['c', 'd', 'e']);
    await h.clock.advance(5000);
    expect(most).toBe(2);
    expect(five.map(({ name }) => h.state(name))).toEqual(['healthy', 'healthy', 'healthy', 'healthy', 'healthy']);
  });

  it('a parallelism of 1 runs due plans by priority, then due time', async () => {
    const h = harness(
      [
        { name: 'web', policy: { priority: 5 } },
        { name: 'db', policy: { priority: 0 } },
        { name: 'cache', policy: { priority: 5 } },
        { name: 'blocker' },
      ],
      { parallelism: 1 },
    );
    await bootAll(h, ['web', 'db', 'cache', 'blocker']);
    h.stack.die('blocker', 1); // takes the only slot for 550 ms
    h.stack.die('web', 1);
    await h.clock.advance(10);
    h.stack.die('cache', 1);
    await h.clock.advance(10);
    h.stack.die('db', 1);
    await h.clock.advance(5000);
    const started = h.events.flatMap((e) => (e.type === 'recovery' && e.state === 'IN_PROGRESS' ? [e.service] : []));
    expect(started).toEqual(['blocker', 'db', 'web', 'cache']);
  });
});
