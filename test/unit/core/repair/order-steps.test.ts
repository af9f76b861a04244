import { describe, expect, it } from 'vitest';
import { planRepair } from '../../../../src/main/core/repair/plan-repair.ts';
import type { ComposeCli } from '../../../../src/main/core/ports/repair-compose.port.ts';
import type { Diagnosis, RepairPlan } from '../../../../src/shared/model/index.ts';
import { connect, diagnosisOf, finding, restart, service, start } from './support/stack.fixture.ts';

function plan(diagnosis: Diagnosis, options: { compose?: ComposeCli | null; openBreakers?: string[] } = {}): RepairPlan {
  return planRepair({ diagnosis, id: 'plan-1', createdAt: '2026-01-01T00:00:00.000Z', compose: options.compose ?? null, ...options });
}

const kinds = (p: RepairPlan): string[] => p.steps.map((s) => `${s.id} ${s.kind} ${s.container?.name ?? ''}`.trim());

describe('planRepair: order, dependencies first', () => {
  it('starts what a service depends on before it, connects after the start, restarts after the connect, pins and resets last', () => {
    const d = diagnosisOf(
      [
        service('web', { state: 'exited', exitCode: 1 }, { dependsOn: ['api'] }),
        service('api', { health: 'unhealthy' }, { dependsOn: ['db'] }),
        service('db', { state: 'exited', exitCode: 0, networks: [{ name: 'shop_backend', aliases: ['db'], ipAddress: '1' }] }),
        service('dev', { state: 'exited', exitCode: 0 }),
      ],
      [
        finding('ORCHESTRATOR_LOCALHOST_FALLBACK', 'x', { kind: 'pin-orchestrator-target', params: { url: 'http://localhost:8006' } }),
        finding('CONTAINER_EXITED', 'shop/web', start('shop-web-1')),
        finding('DNS_UNRESOLVABLE_FROM_CONTAINER', 'dev', connect('shop_backend', 'shop-dev-1', 'db')),
        finding('CONTAINER_UNHEALTHY', 'shop/api', restart('shop-api-1')),
        finding('CONTAINER_EXITED', 'shop/dev', start('shop-dev-1')),
        finding('CONTAINER_EXITED', 'shop/db', start('shop-db-1')),
      ],
    );
    const p = plan(d, { openBreakers: ['http://localhost:8006'] });
    expect(kinds(p)).toEqual([
      's1 start-container shop-dev-1',
      's2 start-container shop-db-1',
      's3 network-connect shop-dev-1',
      's4 restart-container shop-api-1',
      's5 start-container shop-web-1',
      's6 pin-orchestrator-target',
      's7 reset-breaker',
    ]);
    const after = Object.fromEntries(p.steps.map((s) => [s.id, s.after]));
    expect(after['s3']).toEqual(['s1', 's2']); // its own start, and the start of the container on the network it joins
    expect(after['s4']).toEqual(['s2']); // api depends on db
    expect(after['s5']).toEqual(['s2', 's4']); // web depends on api, and so on db
    expect(after['s6']).toEqual(['s1', 's2', 's3', 's4', 's5']);
    expect(after['s7']).toEqual(['s1', 's2', 's3', 's4', 's5', 's6']);
  });

  it('still plans every step when depends_on has a cycle', () => {
    const d = diagnosisOf(
      [
        service('a', { state: 'exited', exitCode: 1 }, { dependsOn: ['b'] }),
        service('b', { state: 'exited', exitCode: 1 }, { dependsOn: ['a'] }),
      ],
      [finding('CONTAINER_EXITED', 'shop/a', start('shop-a-1')), finding('CONTAINER_EXITED', 'shop/b', start('shop-b-1'))],
    );
    const p = plan(d);
    expect(p.steps.map((s) => s.container?.name)).toEqual(['shop-a-1', 'shop-b-1']);
    expect(p.steps[0]?.after).toEqual([]);
  });
});

describe('planRepair: the chat circuit breaker', () => {
  it('resets an open breaker only once its target answers again', () => {
    const answering = plan(diagnosisOf([], []), { openBreakers: ['http://localhost:8006', 'http://elsewhere:9000'] });
    expect(answering.steps.map((s) => s.action)).toEqual([{ kind: 'reset-breaker', params: { target: 'http://localhost:8006' } }]);
    expect(answering.steps[0]?.answers).toEqual([]);

    const down = diagnosisOf([], [], {
      orchestrator: { ...diagnosisOf([], []).orchestrator, decision: 'unresolvable', resolvedUrl: null },
    });
    expect(plan(down, { openBreakers: ['http://localhost:8006'] }).steps).toEqual([]);
  });
});
