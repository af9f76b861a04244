import { describe, expect, it } from 'vitest';
import { bootAll, harness } from './support/engine-harness.ts';

describe('RecoveryEngine: the user is in charge', () => {
  it('a user stop is never restarted, whatever the health sources say, until the user starts it again', async () => {
    const h = harness([{ name: 'api' }]);
    await bootAll(h, ['api']);
    h.stack.userStop('api');
    expect(h.state('api')).toBe('stopped-by-user');
    h.engine.observe({ kind: 'heartbeat', service: 'api', status: 'expired' });
    h.engine.observe({ kind: 'docker-health', service: 'api', status: 'unhealthy' });
    await h.clock.advance(3_600_000);
    expect(h.stack.calls).toEqual([]);
    expect(h.plans('api')).toEqual([]);
    h.stack.boot('api');
    await h.clock.advance(10_000);
    expect(h.state('api')).toBe('healthy');
  });

  it('a user stop during a backoff cancels the waiting plan', async () => {
    const h = harness([{ name: 'api', behaviour: 'crashing' }]);
    h.stack.boot('api');
    await h.clock.advance(300);
    expect(h.plans('api')).toEqual(['SCHEDULED@1+1000']);
    h.engine.observe({ kind: 'stop-requested', service: 'api', signal: 'stop', bySelf: false });
    expect(h.plans('api')).toEqual(['SCHEDULED@1+1000', 'CANCELLED@1+1000']);
    await h.clock.advance(60_000);
    expect(h.stack.calls).toEqual([]);
  });

  it('containers outside the stack are never touched', async () => {
    const h = harness([{ name: 'api' }]);
    h.engine.observe({ kind: 'container-died', service: 'someone-else', exitCode: 1, oom: false });
    h.engine.observe({ kind: 'docker-health', service: 'someone-else', status: 'unhealthy' });
    await h.clock.advance(60_000);
    expect(h.stack.calls).toEqual([]);
    expect(h.engine.status().services.map((s) => s.service)).toEqual(['api']);
  });

  it('cancel: a scheduled plan is cancelled and the service left unavailable; cancelling it twice is UNKNOWN_PLAN', async () => {
    const h = harness([{ name: 'api', behaviour: 'crashing' }]);
    h.stack.boot('api');
    await h.clock.advance(300);
    const planId = h.engine.status().queued[0]?.id ?? '';
    expect(h.engine.commands.cancel(planId)).toMatchObject({ ok: true, value: { state: 'CANCELLED' } });
    expect(h.state('api')).toBe('unavailable');
    expect(h.engine.commands.cancel(planId)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PLAN' } });
    await h.clock.advance(60_000);
    expect(h.stack.calls).toEqual([]);
    expect(h.engine.historyEntries().at(-1)).toMatchObject({
      planId,
      state: 'CANCELLED',
      reason: 'cancelled by the user',
      durationMs: null,
    });
  });

  it('cancel: a running plan is aborted and ends CANCELLED, not FAILED', async () => {
    const h = harness([{ name: 'api', behaviour: 'crashing' }]);
    h.stack.boot('api');
    await h.clock.advance(1200); // the first attempt's start is in its health wait
    const active = h.engine.status().active[0];
    expect(active?.state).toBe('IN_PROGRESS');
    h.engine.commands.cancel(active?.id ?? '');
    await h.clock.advance(60_000);
    expect(h.plans('api')).toEqual(['SCHEDULED@1+1000', 'IN_PROGRESS@1+1000', 'CANCELLED@1+1000']);
    expect(h.engine.status()).toMatchObject({ active: [], queued: [] });
  });

  it('manual strategy: a failure waits for approval (with a notification); approve runs it', async () => {
    const h = harness([{ name: 'db', policy: { strategy: 'manual' } }]);
    await bootAll(h, ['db']);
    h.stack.die('db', 1);
    await h.clock.advance(60_000);
    expect(h.state('db')).toBe('awaiting-manual');
    expect(h.stack.calls).toEqual([]);
    expect(h.notifications().map((n) => n.kind)).toEqual(['awaiting-manual']);
    const plan = h.engine.status().queued[0];
    expect(plan?.state).toBe('AWAITING_MANUAL');
    expect(h.engine.commands.approve(plan?.id ?? '')).toMatchObject({ ok: true, value: { state: 'SCHEDULED' } });
    await h.clock.advance(1000);
    expect(h.stack.calls).toEqual(['start db']);
    expect(h.state('db')).toBe('healthy');
    expect(h.plans('db')).toEqual(['AWAITING_MANUAL@1+0', 'SCHEDULED@1+0', 'IN_PROGRESS@1+0', 'SUCCEEDED@1+0']);
  });

  it('approve refuses a plan that is not awaiting approval', async () => {
    const h = harness([{ name: 'api', behaviour: 'crashing' }]);
    h.stack.boot('api');
    await h.clock.advance(300);
    const planId = h.engine.status().queued[0]?.id ?? '';
    expect(h.engine.commands.approve(planId)).toMatchObject({ ok: false, error: { code: 'PLAN_NOT_AWAITING' } });
    expect(h.engine.commands.approve('nope')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PLAN' } });
  });

  it('pause keeps due plans queued; resume runs them', async () => {
    const h = harness([{ name: 'api' }]);
    await bootAll(h, ['api']);
    h.engine.pause();
    h.stack.die('api', 1);
    await h.clock.advance(60_000);
    expect(h.stack.calls).toEqual([]);
    expect(h.engine.status()).toMatchObject({ running: false, queued: [{ service: 'api', state: 'SCHEDULED' }] });
    h.engine.resume();
    await h.clock.advance(600);
    expect(h.stack.calls).toEqual(['start api']);
    expect(h.state('api')).toBe('healthy');
  });

  it('setPolicy validates: a bad field is refused by name and the old policy stays', () => {
    const h = harness([{ name: 'api' }]);
    expect(h.engine.setPolicy('api', { multiplier: 0.5 })).toMatchObject({ ok: false, error: { code: 'INVALID_POLICY' } });
    expect(h.engine.policy('api').multiplier).toBe(2);
    expect(h.engine.setPolicy('api', { strategy: 'linear' })).toMatchObject({ ok: true, value: { strategy: 'linear' } });
    expect(h.engine.status().services[0]?.strategy).toBe('linear');
    expect(h.engine.setPolicy('ghost', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_SERVICE' } });
  });

  it('setStack refuses a stack whose service has an invalid policy, naming service and field', () => {
    const h = harness([{ name: 'api' }]);
    const result = h.engine.setStack({ config: {}, services: [{ name: 'api', policy: { maxAttempts: 0 } }] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/policy of api: .*maxAttempts must be ≥ 1[\s\S]*→ at maxAttempts/);
  });
});
