import { describe, expect, it } from 'vitest';
import { stackFingerprint } from '../../../../src/main/core/repair/stack-fingerprint.ts';
import type { Diagnosis, RepairStep } from '../../../../src/shared/model/index.ts';
import { diagnosisOf, service } from './support/stack.fixture.ts';

const steps: Pick<RepairStep, 'kind' | 'container'>[] = [
  { kind: 'start-container', container: { id: 'id-api', name: 'shop-api-1', service: 'api', project: 'shop' } },
];

function stack(api: Parameters<typeof service>[1] = { state: 'exited', exitCode: 1 }, db: Parameters<typeof service>[1] = {}): Diagnosis {
  return diagnosisOf([service('api', api, { dependsOn: ['db'] }), service('db', db)], []);
}

describe('stackFingerprint', () => {
  it('is stable for the same stack, whatever the order of services and of their networks', () => {
    const a = stack();
    const b = { ...a, services: [...a.services].reverse(), durationMs: 999, correlationId: 'other' };
    expect(stackFingerprint(a, steps)).toBe(stackFingerprint(b, steps));
  });

  it('changes when a container of the stack is recreated (a new id), or a stepped-on container changes state or networks', () => {
    const base = stackFingerprint(stack(), steps);
    expect(stackFingerprint(stack(undefined, { id: 'id-db-2' }), steps)).not.toBe(base);
    expect(stackFingerprint(stack({ state: 'running' }), steps)).not.toBe(base);
    expect(
      stackFingerprint(stack({ state: 'exited', exitCode: 1, networks: [{ name: 'x', aliases: [], ipAddress: '1' }] }), steps),
    ).not.toBe(base);
  });

  it('changes when the configuration changes: a dependency, a compose file, a network', () => {
    const base = stack();
    const fp = stackFingerprint(base, steps);
    const deps = { ...base, services: base.services.map((s) => ({ ...s, dependsOn: [] })) };
    const files = { ...base, projects: base.projects.map((p) => ({ ...p, files: ['/ws/compose.override.yaml'] })) };
    expect(stackFingerprint(deps, steps)).not.toBe(fp);
    expect(stackFingerprint(files, steps)).not.toBe(fp);
  });

  it('ignores the state of containers no step touches, and the orchestrator unless a step is about it', () => {
    const fp = stackFingerprint(stack(), steps);
    expect(stackFingerprint(stack(undefined, { health: 'unhealthy' }), steps)).toBe(fp);
    const moved = { ...stack(), orchestrator: { ...stack().orchestrator, decision: 'unresolvable' as const, resolvedUrl: null } };
    expect(stackFingerprint(moved, steps)).toBe(fp);
    const pin = [...steps, { kind: 'pin-orchestrator-target' as const }];
    expect(stackFingerprint(moved, pin)).not.toBe(stackFingerprint(stack(), pin));
  });
});
