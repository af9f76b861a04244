import { describe, expect, it } from 'vitest';
import { hostExpectations } from '../../../src/renderer/src/features/health/host-expectation.ts';
import { matrixView } from '../../../src/renderer/src/features/health/matrix-rows.ts';
import type { MatrixProject } from '../../../src/shared/model/index.ts';
import { scaleDiagnosis, scaleProblems } from '../../fixtures/diagnoses/scale-diagnosis.ts';
import { diagnosis } from './diagnosis-fixture.ts';

describe('matrixView', () => {
  it('at 200 services: failing projects first, failing rows then unchecked ones shown, the rest collapsed', () => {
    const d = scaleDiagnosis();
    const views = matrixView(d.projects, hostExpectations(d));
    expect(views.map((v) => [v.project.name, v.shown.length, v.fine.length, v.collapseFine])).toEqual([
      ['shop', 4, 146, true],
      ['devcontainer', 0, 0, false],
      ['billing', 0, 50, true],
    ]);
    const shop = views[0]!;
    expect(shop.shown.map((r) => [r.target.consumer, r.level, r.host.status])).toEqual([
      [scaleProblems.badHostName, 'failed', 'failed'], // payments.example.invalid: a real name
      [scaleProblems.callsExited, 'failed', 'expected'],
      [scaleProblems.missingAlias, 'failed', 'failed'], // svc-missing: no docker name, no expected mark
      [scaleProblems.exited, 'unknown', 'expected'],
    ]);
    expect(shop.fine.every((r) => r.host.status === 'expected')).toBe(true);
  });

  it('a row that only fails from the host as expected is fine; a real host failure is not', () => {
    const project = (fromHost: MatrixProject['targets'][number]['fromHost'], host = 'api'): MatrixProject => ({
      name: 'shop',
      kind: 'compose',
      files: [],
      networks: [],
      containersUp: 1,
      containersTotal: 1,
      targets: [
        {
          url: `http://${host}:80`,
          host,
          port: 80,
          source: 'env:API_URL',
          consumer: 'web',
          fromContainer: { resolves: true, answers: true, basis: 'lookup', note: '' },
          fromHost,
        },
      ],
    });
    const marked = { resolves: false, answers: false, basis: 'probe' as const, note: 'ENOTFOUND (docker alias: expected from the host)' };
    const plain = { resolves: false, answers: false, basis: 'probe' as const, note: 'ENOTFOUND' };
    const level = (p: MatrixProject) => {
      const [view] = matrixView([p], hostExpectations(diagnosis({ projects: [p] })));
      return [...view!.shown, ...view!.fine].map((r) => r.level);
    };
    expect(level(project(marked))).toEqual(['ok']);
    expect(level(project(plain, 'db.example.com'))).toEqual(['failed']);
  });
});
