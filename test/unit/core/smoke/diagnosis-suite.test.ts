import { describe, expect, it } from 'vitest';
import { diagnosisSuite } from '../../../../src/main/core/smoke/diagnosis-suite.ts';
import { runSmoke } from '../../../../src/main/core/smoke/run-smoke.ts';
import { smokeExitCode } from '../../../../src/main/core/smoke/scoreboard.ts';
import type { Diagnosis, ServiceReport } from '../../../../src/shared/model/index.ts';
import { diagnosisFixture, dnsFinding, fallbackFinding, infoFinding } from '../../cli/diagnosis.fixture.ts';
import { runningContainer } from '../../support/container-info.ts';
import { FakeClock } from '../../support/fake-clock.ts';

const service = (name: string, project: string, role: ServiceReport['role'] = 'service'): ServiceReport => ({
  name,
  project,
  role,
  container: runningContainer({ name: `${project}-${name}-1`, id: `${name}-id` }),
  dependsOn: [],
  probes: [],
});

async function rowsOf(diagnosis: Diagnosis) {
  const run = await runSmoke([diagnosisSuite(diagnosis)], new FakeClock());
  if (!run.ok) throw new Error(run.error.message);
  return {
    board: run.scoreboard,
    rows: run.scoreboard.results.map(({ suite, check, kind, result, reason, target }) => ({ suite, check, kind, result, reason, target })),
  };
}

describe('diagnosisSuite', () => {
  it('fails one check per error or warning finding, worst first, passes info findings and finding-free services', async () => {
    const diagnosis = diagnosisFixture({
      // devcontainer is named by the DNS finding; shop/api and orders (project = name) are not.
      services: [service('devcontainer', 'shop', 'devcontainer'), service('api', 'shop'), service('orders', 'orders')],
    });
    const { rows, board } = await rowsOf(diagnosis);
    expect(rows).toEqual([
      {
        suite: 'diagnosis',
        check: 'DNS_UNRESOLVABLE_FROM_CONTAINER devcontainer',
        kind: 'diagnosis',
        result: 'fail',
        reason: `${dnsFinding.summary}: ${dnsFinding.cause}. Fix: ${dnsFinding.fix.description}`,
        target: 'devcontainer',
      },
      {
        suite: 'diagnosis',
        check: 'ORCHESTRATOR_LOCALHOST_FALLBACK http://orchestrator-service:8006',
        kind: 'diagnosis',
        result: 'fail',
        reason: `${fallbackFinding.summary}: ${fallbackFinding.cause}. Fix: ${fallbackFinding.fix.description}`,
        target: 'http://orchestrator-service:8006',
      },
      {
        suite: 'diagnosis',
        check: 'HEALTH_DEGRADED api',
        kind: 'diagnosis',
        result: 'pass',
        reason: `${infoFinding.summary}: ${infoFinding.cause}. Fix: ${infoFinding.fix.description}`,
        target: 'api',
      },
      { suite: 'diagnosis', check: 'service shop/api', kind: 'diagnosis', result: 'pass', reason: undefined, target: 'shop-api-1' },
      { suite: 'diagnosis', check: 'service orders', kind: 'diagnosis', result: 'pass', reason: undefined, target: 'orders-orders-1' },
    ]);
    expect(smokeExitCode(board)).toBe(1);
  });

  it('passes a healthy stack, one check per service, and keeps names distinct for repeated findings', async () => {
    const healthy = await rowsOf(
      diagnosisFixture({ verdict: 'healthy', findings: [], services: [service('api', 'shop'), service('db', 'shop')] }),
    );
    expect(healthy.rows.map((r) => [r.check, r.result])).toEqual([
      ['service shop/api', 'pass'],
      ['service shop/db', 'pass'],
    ]);
    expect(smokeExitCode(healthy.board)).toBe(0);
    const twice = await rowsOf(diagnosisFixture({ findings: [dnsFinding, { ...dnsFinding, summary: 'again' }], services: [] }));
    expect(twice.rows.map((r) => r.check)).toEqual([
      'DNS_UNRESOLVABLE_FROM_CONTAINER devcontainer',
      'DNS_UNRESOLVABLE_FROM_CONTAINER devcontainer (2)',
    ]);
  });

  it('matches a finding to its service by container name too', async () => {
    const api = service('api', 'shop');
    const finding = { ...dnsFinding, id: 'CONTAINER_EXITED' as const, subject: 'shop-api-1' };
    const { rows } = await rowsOf(diagnosisFixture({ findings: [finding], services: [api] }));
    expect(rows.map((r) => [r.check, r.result])).toEqual([['CONTAINER_EXITED shop-api-1', 'fail']]);
  });
});
