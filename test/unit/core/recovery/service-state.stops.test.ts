import { describe, expect, it } from 'vitest';
import { recoveryPolicySchema } from '../../../../src/shared/model/recovery.ts';
import { ServiceMachine } from '../../../../src/main/core/recovery/service-state.machine.ts';
import type { PlanActivity } from '../../../../src/main/core/recovery/service-machine.types.ts';
import type { ServiceObservation } from '../../../../src/main/core/recovery/service-observation.ts';

const policy = recoveryPolicySchema.parse({});

function machine() {
  const m = new ServiceMachine('api', 0, () => undefined);
  let now = 0;
  let plan: PlanActivity = 'none';
  return {
    m,
    at: (ms: number) => void (now = ms),
    withPlan: (activity: PlanActivity) => void (plan = activity),
    see: (obs: ServiceObservation) => m.observe(obs, { now, policy, plan, settleMs: 5000 }),
  };
}

const started: ServiceObservation = { kind: 'container-started', service: 'api', containerId: 'c2' };
const died = (exitCode = 1, oom = false): ServiceObservation => ({ kind: 'container-died', service: 'api', exitCode, oom });

describe('ServiceMachine: crashes and stops', () => {
  it('a crash after a stable run (≥ 10 s up) is a failure to recover at once; a crash sooner is not stable', () => {
    const a = machine();
    a.see(started);
    a.at(10_000);
    expect(a.see(died(137, true))).toEqual({
      kind: 'failure',
      cause: 'crash',
      reason: 'crashed: killed for lack of memory (OOM)',
      stableRun: true,
    });
    const b = machine();
    b.see(started);
    b.at(9_999);
    expect(b.see(died(1))).toEqual({ kind: 'failure', cause: 'crash', reason: 'crashed: exited with code 1', stableRun: false });
    expect(b.m.state).toBe('unavailable');
  });

  it('a stop/kill not issued by Stack Doctor, then die → stopped-by-user, and its plan is cancelled', () => {
    const t = machine();
    t.see(started);
    expect(t.see({ kind: 'stop-requested', service: 'api', signal: 'kill', bySelf: false })).toMatchObject({ kind: 'cancel-plan' });
    expect(t.see(died(137))).toMatchObject({ kind: 'cancel-plan', reason: 'stopped by the user' });
    expect(t.m.state).toBe('stopped-by-user');
    // Nothing but a start brings it back: probes and heartbeats of a stopped container change nothing.
    expect(t.see({ kind: 'heartbeat', service: 'api', status: 'expired' })).toBeUndefined();
    expect(t.m.state).toBe('stopped-by-user');
    t.see(started);
    expect(t.m.state).toBe('starting');
  });

  it("Stack Doctor's own stop (bySelf, or while its plan acts) is not a user stop", () => {
    const t = machine();
    t.see(started);
    expect(t.see({ kind: 'stop-requested', service: 'api', signal: 'stop', bySelf: true })).toBeUndefined();
    t.withPlan('acting');
    expect(t.see({ kind: 'stop-requested', service: 'api', signal: 'stop', bySelf: false })).toBeUndefined();
    expect(t.see(died(0))).toBeUndefined();
    expect(t.m.state).toBe('starting');
  });

  it('dying while a plan verifies fails the verification', () => {
    const t = machine();
    t.withPlan('verifying');
    t.see(started);
    expect(t.see(died(2))).toEqual({ kind: 'verification-failed', reason: 'died while being verified: exited with code 2' });
  });

  it('heartbeat shutting_down → left alone: its plan is cancelled and its exit is no crash', () => {
    const t = machine();
    t.see(started);
    t.at(20_000);
    expect(t.see({ kind: 'heartbeat', service: 'api', status: 'shutting_down' })).toMatchObject({ kind: 'cancel-plan' });
    expect(t.see({ kind: 'heartbeat', service: 'api', status: 'expired' })).toBeUndefined();
    expect(t.see(died(0))).toMatchObject({ kind: 'cancel-plan' });
    expect(t.m.state).toBe('unavailable');
    expect(t.m.reason).toContain('left alone');
  });

  it('a container started outside Stack Doctor while a plan waits cancels that plan; a user start resets given-up attempts', () => {
    const t = machine();
    t.m.attempts = 5;
    t.m.enter('given-up', 0, 'gave up');
    t.withPlan('queued');
    expect(t.see(started)).toEqual({ kind: 'cancel-plan', reason: 'the container was started outside Stack Doctor' });
    expect(t.m.state).toBe('starting');
    expect(t.m.attempts).toBe(0);
  });

  it('a failed service that turns healthy by itself is up again (from given-up, crash-looping, unavailable)', () => {
    for (const from of ['given-up', 'crash-looping', 'unavailable', 'awaiting-manual'] as const) {
      const t = machine();
      t.see(started);
      t.m.enter(from, 0, 'failed');
      expect(t.see({ kind: 'health-probe', service: 'api', result: 'ok' })).toEqual({ kind: 'up', previous: from });
      expect(t.m.state).toBe('healthy');
    }
  });

  it('a breaker that opens on a live service asks for a health check', () => {
    const t = machine();
    t.see(started);
    expect(t.see({ kind: 'breaker-open', service: 'api', target: 'http://api:8006' })).toEqual({
      kind: 'check-health',
      reason: 'circuit breaker opened for http://api:8006',
    });
  });
});
