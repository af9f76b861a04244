import { describe, expect, it } from 'vitest';
import { bootAll, harness } from './support/engine-harness.ts';

const stack = [{ name: 'db' }, { name: 'api', dependsOn: ['db'] }, { name: 'web', dependsOn: ['api'] }];

describe('RecoveryEngine: dependencies first', () => {
  it('priority defaults to the depth in the dependency graph', () => {
    const h = harness(stack);
    expect(h.engine.status().services.map((s) => [s.service, s.priority])).toEqual([
      ['db', 0],
      ['api', 1],
      ['web', 2],
    ]);
  });

  it('a service whose dependency is down waits for it; once it is back (and the settle passed) the dependent is restarted', async () => {
    const h = harness(stack);
    await bootAll(h, ['db', 'api', 'web']);
    h.stack.get('db').behaviour = 'refuses-start';
    h.stack.die('db', 1);
    h.stack.die('api', 1);
    expect(h.state('api')).toBe('unavailable');
    expect(h.engine.status().services.find((s) => s.service === 'api')?.waitingFor).toEqual(['db']);
    await h.clock.advance(1000);
    expect(h.stack.calls).toEqual(['start db']);
    h.stack.get('db').behaviour = 'healthy';
    await h.clock.advance(2000 + 1000);
    expect(h.state('db')).toBe('healthy');
    expect(h.stack.actionCalls('start', 'api')).toBe(0); // the settle period: it may recover by itself
    await h.clock.advance(5000);
    expect(h.stack.calls).toEqual(['start db', 'start db', 'start api']);
    await h.clock.advance(1000);
    expect(h.state('api')).toBe('healthy');
    expect(h.stack.actionCalls('start', 'web')).toBe(0);
  });

  it('a dependent that recovers by itself once its dependency is back is not restarted', async () => {
    const h = harness(stack);
    await bootAll(h, ['db', 'api', 'web']);
    h.engine.observe({ kind: 'docker-health', service: 'db', status: 'unhealthy' });
    for (let i = 0; i < 3; i++) h.engine.observe({ kind: 'health-probe', service: 'api', result: 'failed' });
    expect(h.state('api')).toBe('unavailable');
    await h.clock.advance(1000);
    expect(h.state('db')).toBe('healthy');
    h.engine.observe({ kind: 'health-probe', service: 'api', result: 'ok' });
    await h.clock.advance(60_000);
    expect(h.stack.calls).toEqual(['restart db 10']);
    expect(h.state('api')).toBe('healthy');
  });

  it('a plan that comes due while its dependency is down is held back, not run into the same failure', async () => {
    const h = harness(stack);
    await bootAll(h, ['db', 'api', 'web']);
    h.stack.get('api').behaviour = 'crashing';
    h.stack.boot('api'); // a user start: it crashes within the stability window, so it backs off 1 s
    await h.clock.advance(300);
    expect(h.plans('api')).toEqual(['SCHEDULED@1+1000']);
    h.stack.get('db').behaviour = 'refuses-start';
    h.engine.observe({ kind: 'docker-health', service: 'db', status: 'unhealthy' });
    await h.clock.advance(1000);
    expect(h.plans('api')).toEqual(['SCHEDULED@1+1000', 'CANCELLED@1+1000']);
    expect(h.engine.historyEntries().at(-1)?.reason).toBe('held back: waiting for db');
    expect(h.stack.actionCalls('start', 'api')).toBe(0);
  });

  it('an external dependency reported down holds the service back the same way', async () => {
    const h = harness([{ name: 'api' }]);
    await bootAll(h, ['api']);
    h.engine.observe({ kind: 'dependency', service: 'api', dependency: 'shared-postgres', up: false });
    h.stack.die('api', 1);
    await h.clock.advance(60_000);
    expect(h.stack.calls).toEqual([]);
    expect(h.engine.status().services[0]?.waitingFor).toEqual(['shared-postgres']);
    h.engine.observe({ kind: 'dependency', service: 'api', dependency: 'shared-postgres', up: true });
    await h.clock.advance(5000 + 600);
    expect(h.stack.calls).toEqual(['start api']);
    expect(h.state('api')).toBe('healthy');
  });
});

describe('RecoveryEngine: circuit breaker', () => {
  it('a breaker that opens triggers a health check of the owning service; unhealthy → restarted at once', async () => {
    const h = harness([{ name: 'orchestrator' }]);
    await bootAll(h, ['orchestrator']);
    h.stack.get('orchestrator').behaviour = 'unhealthy';
    h.engine.observe({ kind: 'breaker-open', service: 'orchestrator', target: 'http://orchestrator:8006' });
    await h.clock.advance(10);
    expect(h.stack.calls).toEqual(['restart orchestrator 10']);
    expect(h.engine.historyEntries()).toEqual([]);
    expect(h.plans('orchestrator')[0]).toBe('SCHEDULED@1+0');
  });

  it('a breaker that opens on a healthy service changes nothing (the half-open probe will tell)', async () => {
    const h = harness([{ name: 'orchestrator' }]);
    await bootAll(h, ['orchestrator']);
    h.engine.observe({ kind: 'breaker-open', service: 'orchestrator' });
    await h.clock.advance(60_000);
    expect(h.stack.calls).toEqual([]);
    expect(h.state('orchestrator')).toBe('healthy');
  });
});

describe('RecoveryEngine: dispose', () => {
  it('a health check that never answers is given up on at its deadline, and disposing leaves no timer behind', async () => {
    const h = harness([{ name: 'orchestrator', policy: { healthTimeoutMs: 2000 } }]);
    await bootAll(h, ['orchestrator']);
    const answering = h.stack.check.bind(h.stack);
    const silent = () => new Promise<never>(() => undefined);
    h.stack.check = silent;
    h.engine.observe({ kind: 'breaker-open', service: 'orchestrator' });
    await h.clock.advance(1999);
    expect(h.stack.calls).toEqual([]);
    h.stack.check = answering;
    await h.clock.advance(1);
    expect(h.stack.calls).toEqual(['restart orchestrator 10']); // "health check timed out" counts as unhealthy
    await h.clock.advance(1000);
    expect(h.state('orchestrator')).toBe('healthy');
    h.stack.check = silent;
    h.engine.observe({ kind: 'breaker-open', service: 'orchestrator' });
    expect(h.clock.pending).toBe(3); // the check's deadline, the reset window's wake-up and the resync
    await h.engine.dispose();
    expect(h.clock.pending).toBe(0);
  });
});

describe('RecoveryEngine: stack fingerprint', () => {
  it('a plan whose stack changed before it came due is refused and re-planned under the new fingerprint', async () => {
    const h = harness([{ name: 'api', behaviour: 'crashing' }]);
    h.stack.boot('api');
    await h.clock.advance(300);
    const before = h.engine.status().queued[0]?.fingerprint;
    const changed = h.engine.setStack({ config: { project: 'demo', edited: true }, services: [{ name: 'api' }] });
    expect(changed.ok && changed.value.fingerprint).not.toBe(before);
    await h.clock.advance(1000);
    expect(h.plans('api').slice(0, 4)).toEqual(['SCHEDULED@1+1000', 'CANCELLED@1+1000', 'SCHEDULED@1+0', 'IN_PROGRESS@1+0']);
    expect(h.engine.historyEntries()[0]).toMatchObject({
      state: 'CANCELLED',
      reason: 'refused: the stack changed since this plan was made',
    });
    expect(h.engine.status().active[0]?.fingerprint).toBe(changed.ok ? changed.value.fingerprint : '');
  });

  it('a new container id for a service (it was recreated) changes the fingerprint', () => {
    const h = harness([{ name: 'api' }]);
    const before = h.engine.fingerprint();
    h.engine.observe({ kind: 'container-started', service: 'api', containerId: 'brand-new' });
    expect(h.engine.fingerprint()).not.toBe(before);
  });
});
