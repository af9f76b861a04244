import type { SmokeCheckResult, SmokeScoreboard } from '../../../../../src/shared/model/index.ts';

export const result = (over: Partial<SmokeCheckResult> & Pick<SmokeCheckResult, 'suite' | 'check' | 'result'>): SmokeCheckResult => ({
  kind: 'http',
  durationMs: 12.3,
  ...over,
});

/** Two suites: infrastructure (pass, skipped) and http (fail, error, pass). */
export function scoreboardFixture(results?: SmokeCheckResult[]): SmokeScoreboard {
  const rows = results ?? [
    result({ suite: 'infrastructure', check: 'redis', kind: 'tcp', result: 'pass', durationMs: 2.4, target: 'localhost:6379' }),
    result({
      suite: 'infrastructure',
      check: 'postgres',
      kind: 'tcp',
      result: 'skipped',
      durationMs: 0,
      reason: 'skip: true in the smoke suite',
    }),
    result({
      suite: 'http',
      check: 'api health',
      result: 'fail',
      durationMs: 1534.6,
      reason: 'status 503, expected 200',
      target: 'GET http://localhost:8080/health',
    }),
    result({
      suite: 'http',
      check: 'dns in dev',
      kind: 'dns',
      result: 'error',
      durationMs: 40,
      reason: 'dev: lookup could not run: No such container',
    }),
    result({ suite: 'http', check: 'orders', result: 'pass', durationMs: 80 }),
  ];
  const count = (suite: string | null, outcome: SmokeCheckResult['result']) =>
    rows.filter((row) => (suite === null || row.suite === suite) && row.result === outcome).length;
  const suites = [...new Set(rows.map((row) => row.suite))].map((name) => ({
    name,
    passed: count(name, 'pass'),
    failed: count(name, 'fail'),
    errors: count(name, 'error'),
    skipped: count(name, 'skipped'),
    total: rows.filter((row) => row.suite === name).length,
    durationMs: 1600,
  }));
  return {
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1654.2,
    passed: count(null, 'pass'),
    failed: count(null, 'fail'),
    errors: count(null, 'error'),
    skipped: count(null, 'skipped'),
    total: rows.length,
    cancelled: false,
    suites,
    results: rows,
  };
}
