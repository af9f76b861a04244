import { describe, expect, it } from 'vitest';
import { recoveryPolicySchema, type ServiceState } from '../../../../src/shared/model/recovery.ts';
import { ServiceMachine } from '../../../../src/main/core/recovery/service-state.machine.ts';
import type { MachineContext, PlanActivity, ServiceTransition } from '../../../../src/main/core/recovery/service-machine.types.ts';
import type { ServiceObservation } from '../../../../src/main/core/recovery/service-observation.ts';

const policy = recoveryPolicySchema.parse({});
/** An observation of this test's one service, without repeating its name. */
type Seen = ServiceObservation extends infer T ? (T extends unknown ? Omit<T, 'service'> : never) : never;

/** A machine driven by hand: `at(ms)` moves its time, `see` feeds an observation, `tick` lets time act. */
function machine(start = 0) {
  const transitions: ServiceTransition[] = [];
  const m = new ServiceMachine('api', start, (t) => transitions.push(t));
  let now = start;
  let plan: PlanActivity = 'none';
  const ctx = (): MachineContext => ({ now, policy, plan, settleMs: 5000 });
  const see = (obs: Seen) => m.observe({ ...obs, service: 'api' } as ServiceObservation, ctx());
  return {
    m,
    transitions,
    see,
    at: (ms: number) => void (now = ms),
    tick: () => m.tick(ctx()),
    wake: () => m.nextWakeMs(ctx()),
    withPlan: (activity: PlanActivity) => void (plan = activity),
    path: (): ServiceState[] => transitions.map((t) => t.state),
  };
}

const started = { kind: 'container-started' } as const;
const probe = (result: 'ok' | 'degraded' | 'failed') => ({ kind: 'health-probe', result }) as const;

describe('ServiceMachine: starting', () => {
  it('starting → healthy on the first good health signal, with the time it was entered', () => {
    const t = machine();
    t.see(started);
    t.at(1200);
    expect(t.see(probe('ok'))).toEqual({ kind: 'up', previous: 'starting' });
    expect(t.m.state).toBe('healthy');
    expect(t.m.sinceMs).toBe(1200);
  });

  it('a service with no health source is healthy after the stability window (10 s up); the wake-up is due then', () => {
    const t = machine();
    t.see(started);
    expect(t.wake()).toBe(10_000);
    t.at(9999);
    expect(t.tick()).toBeUndefined();
    t.at(10_000);
    expect(t.tick()).toEqual({ kind: 'up', previous: 'starting' });
  });

  it('not ready within the start grace is starting, never a failure; still not ready after it is a failure', () => {
    const t = machine();
    t.see(started);
    t.see({ kind: 'readiness', ready: false });
    t.at(59_999);
    expect(t.tick()).toBeUndefined();
    expect(t.m.state).toBe('starting');
    t.at(60_000);
    expect(t.tick()).toMatchObject({ kind: 'failure', cause: 'not-ready', stableRun: true });
    expect(t.m.state).toBe('unavailable');
  });

  it('failing probes before it was ever healthy do not count within the start grace', () => {
    const t = machine();
    t.see(started);
    for (let i = 0; i < 5; i++) expect(t.see(probe('failed'))).toBeUndefined();
    expect(t.m.state).toBe('starting');
    t.at(60_000);
    expect(t.tick()).toMatchObject({ kind: 'failure', cause: 'unhealthy' });
  });

  it('Docker HEALTHCHECK starting holds it in starting; healthy makes it healthy', () => {
    const t = machine();
    t.see(started);
    t.see({ kind: 'docker-health', status: 'starting' });
    t.at(20_000);
    t.tick();
    expect(t.m.state).toBe('starting');
    t.see({ kind: 'docker-health', status: 'healthy' });
    expect(t.m.state).toBe('healthy');
  });
});

describe('ServiceMachine: healthy and degraded', () => {
  function healthy() {
    const t = machine();
    t.see(started);
    t.see(probe('ok'));
    t.at(30_000);
    return t;
  }

  it('one failed probe is nothing; unhealthyAfterFailures (3) in a row is a failure, restarted at once after a stable run', () => {
    const t = healthy();
    expect(t.see(probe('failed'))).toBeUndefined();
    expect(t.see(probe('failed'))).toBeUndefined();
    expect(t.m.state).toBe('healthy');
    expect(t.see(probe('failed'))).toEqual({
      kind: 'failure',
      cause: 'unhealthy',
      reason: 'unhealthy: 3 consecutive failed health probes',
      stableRun: true,
    });
  });

  it('a good probe between failures starts the count again', () => {
    const t = healthy();
    t.see(probe('failed'));
    t.see(probe('failed'));
    t.see(probe('ok'));
    t.see(probe('failed'));
    expect(t.see(probe('failed'))).toBeUndefined();
    expect(t.m.state).toBe('healthy');
  });

  it('Docker unhealthy and an expired heartbeat are failures at once', () => {
    const a = healthy();
    expect(a.see({ kind: 'docker-health', status: 'unhealthy' })).toMatchObject({ kind: 'failure', cause: 'unhealthy' });
    const b = healthy();
    expect(b.see({ kind: 'heartbeat', status: 'expired' })).toMatchObject({ kind: 'failure', reason: 'heartbeat missing or expired' });
  });

  it('an overloaded heartbeat stays healthy: a restart sheds no load', () => {
    const t = healthy();
    expect(t.see({ kind: 'heartbeat', status: 'overloaded' })).toBeUndefined();
    expect(t.m.state).toBe('healthy');
  });

  it('healthy → degraded → healthy: degraded shorter than the grace (5 min) is left alone', () => {
    const t = healthy();
    t.see({ kind: 'heartbeat', status: 'degraded' });
    expect(t.m.state).toBe('degraded');
    expect(t.wake()).toBe(30_000 + 300_000);
    t.at(30_000 + 299_999);
    expect(t.tick()).toBeUndefined();
    t.see({ kind: 'heartbeat', status: 'healthy' });
    expect(t.path()).toEqual(['healthy', 'degraded', 'healthy']);
  });

  it('degraded for the whole grace → a failure (restart)', () => {
    const t = healthy();
    t.see(probe('degraded'));
    t.at(30_000 + 300_000);
    expect(t.tick()).toEqual({ kind: 'failure', cause: 'degraded', reason: 'degraded for 300 s', stableRun: true });
    expect(t.path()).toEqual(['healthy', 'degraded', 'unavailable']);
  });

  it('a service that was ready and is not ready any more is degraded, not failed', () => {
    const t = healthy();
    t.see({ kind: 'readiness', ready: true });
    t.see({ kind: 'readiness', ready: false });
    expect(t.m.state).toBe('degraded');
  });
});
