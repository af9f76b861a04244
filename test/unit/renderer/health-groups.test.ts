import { describe, expect, it } from 'vitest';
import { groupServices, type ServiceGroupView } from '../../../src/renderer/src/features/health/service-groups.ts';
import type { ContainerInfo, ServiceReport } from '../../../src/shared/model/index.ts';
import { scaleDiagnosis, scaleProblems } from '../../fixtures/diagnoses/scale-diagnosis.ts';
import { diagnosis, finding } from './diagnosis-fixture.ts';

const names = (rows: ServiceGroupView['problems']) => rows.map((row) => row.service.name);

function service(name: string, over: Partial<ServiceReport> = {}, container: Partial<ContainerInfo> | null = {}): ServiceReport {
  return {
    name,
    project: 'shop',
    role: 'service',
    dependsOn: [],
    probes: [],
    container:
      container === null
        ? null
        : {
            id: name,
            name: `shop-${name}-1`,
            image: 'busybox',
            state: 'running',
            status: 'Up',
            exitCode: 0,
            restartCount: 0,
            health: 'none',
            labels: {},
            envTargets: [],
            networks: [],
            ports: [],
            ...container,
          },
    ...over,
  };
}

describe('groupServices at 200 services', () => {
  const groups = groupServices(scaleDiagnosis());

  it('groups every service by project, the devcontainer as a group of its own, worst group first', () => {
    expect(groups.map((g) => [g.name, g.kind, g.level])).toEqual([
      ['shop', 'compose', 'error'],
      ['billing', 'compose', 'warning'],
      ['devcontainer', 'devcontainer', 'ok'],
    ]);
    const total = groups.reduce((sum, g) => sum + g.problems.length + g.healthy.length, 0);
    expect(total).toBe(200);
  });

  it('puts problems first, worst first, and collapses the many healthy services', () => {
    const [shop, billing, dev] = groups;
    expect(names(shop!.problems)).toEqual([
      scaleProblems.missingAlias, // error finding + 3 failed probes
      scaleProblems.exited, // error finding + 1 failed probe
      scaleProblems.restarting, // warning finding
      scaleProblems.badHostName, // a failed host lookup of a real name (the finding is about the name)
      scaleProblems.callsExited, // a failed in-container lookup, no finding
    ]);
    expect(shop!.healthy).toHaveLength(149 - 5);
    expect(shop!.collapseHealthy).toBe(true);
    expect(names(billing!.problems)).toEqual([scaleProblems.degraded]);
    expect(billing!.healthy[0]!.service.name).toBe('billing-01');
    expect(dev!.problems).toEqual([]);
    expect(dev!.collapseHealthy).toBe(false);
  });

  it('does not count expected host results (docker aliases from the host) as problems', () => {
    const healthy = groups[0]!.healthy.find((row) => row.service.name === 'svc-002')!;
    expect(healthy.level).toBe('ok');
    expect(healthy.expectedProbes).toBe(2);
    expect(healthy.failedProbes).toBe(0);
    expect(healthy.probes.map((p) => `${p.probe.kind}:${p.status}`)).toEqual([
      'container:ok',
      'dns-host:expected',
      'tcp:expected',
      'dns-container:ok',
    ]);
  });
});

describe('groupServices rules', () => {
  it('ranks a service by its worst finding, its container state and its failed probes', () => {
    const d = diagnosis({
      services: [
        service('ok'),
        service('down', {}, { state: 'exited', exitCode: 1 }),
        service('missing', {}, null),
        service('warned'),
        service('flaky', {
          probes: [
            {
              kind: 'http',
              target: 'http://127.0.0.1:1/health',
              from: 'host',
              ok: false,
              latencyMs: 1,
              error: { code: 'HTTP_503', message: 'x' },
            },
          ],
        }),
        service('informed'),
        service('starting', {}, { health: 'starting' }),
      ],
      findings: [
        finding({ subject: 'shop/warned', severity: 'warning' }),
        finding({ subject: 'shop/informed', severity: 'info' }),
        finding({ subject: 'shop-down-1', severity: 'error' }),
      ],
    });
    const [group] = groupServices(d);
    expect(group!.problems.map((r) => [r.service.name, r.level])).toEqual([
      ['down', 'error'], // one error finding (by container name) beats none
      ['missing', 'error'],
      ['warned', 'warning'], // a warning finding beats a failed probe alone
      ['flaky', 'warning'], // failed probe
      ['starting', 'warning'], // health check still starting
    ]);
    expect(group!.healthy.map((r) => r.service.name)).toEqual(['informed', 'ok']);
    expect(group!.healthy[0]!.findings.map((f) => f.severity)).toEqual(['info']);
  });

  it('keeps a handful of healthy services open and collapses more (threshold configurable)', () => {
    const d = diagnosis({ services: ['a', 'b', 'c', 'd'].map((n) => service(n)) });
    expect(groupServices(d)[0]!.collapseHealthy).toBe(true);
    expect(groupServices(d, { collapseHealthyAbove: 4 })[0]!.collapseHealthy).toBe(false);
    expect(groupServices(diagnosis({ services: [service('a'), service('b')] }))[0]!.collapseHealthy).toBe(false);
  });

  it('orders groups by level, then problem count, then the diagnosis project order', () => {
    const svc = (name: string, project: string, over: Partial<ContainerInfo> = {}) => service(name, { project }, over);
    const d = diagnosis({
      projects: ['zeta', 'alpha', 'mid'].map((name) => ({
        name,
        kind: 'compose' as const,
        files: [],
        networks: [],
        containersUp: 0,
        containersTotal: 0,
        targets: [],
      })),
      services: [
        svc('a', 'alpha'),
        svc('z', 'zeta'),
        svc('m1', 'mid', { state: 'exited' }),
        svc('m2', 'mid', { state: 'dead' }),
        svc('x', 'extra', { state: 'exited' }),
      ],
    });
    expect(groupServices(d).map((g) => g.name)).toEqual(['mid', 'extra', 'zeta', 'alpha']);
  });
});
