import type { SmokeCheckResult, SmokeOutcome, SmokeScoreboard, SmokeSuiteSummary } from '../../../shared/model/index.ts';
import type { TimedResult } from './run-check.ts';

/** `stack-doctor smoke` exit codes: 0 only when every check that ran passed and the run was not cancelled. */
export const SMOKE_EXIT = { passed: 0, failed: 1 } as const;

type Counts = Pick<SmokeSuiteSummary, 'passed' | 'failed' | 'errors' | 'skipped' | 'total'>;

const FIELD: Record<SmokeOutcome, keyof Omit<Counts, 'total'>> = { pass: 'passed', fail: 'failed', error: 'errors', skipped: 'skipped' };

function countOf(results: readonly SmokeCheckResult[]): Counts {
  const counts: Counts = { passed: 0, failed: 0, errors: 0, skipped: 0, total: results.length };
  for (const result of results) counts[FIELD[result.result]]++;
  return counts;
}

/** The scoreboard of a run: totals, one summary per suite (in `suiteOrder`), every result in declared order. */
export function buildScoreboard(
  timed: readonly TimedResult[],
  run: { suiteOrder: readonly string[]; startedAt: string; durationMs: number; cancelled: boolean },
): SmokeScoreboard {
  const results = timed.map((entry) => entry.result);
  const suites = run.suiteOrder.map((name): SmokeSuiteSummary => {
    const own = timed.filter((entry) => entry.result.suite === name);
    const span = own.length === 0 ? 0 : Math.max(...own.map((e) => e.endedAt)) - Math.min(...own.map((e) => e.startedAt));
    return { name, ...countOf(own.map((entry) => entry.result)), durationMs: Math.round(span * 10) / 10 };
  });
  return { startedAt: run.startedAt, durationMs: run.durationMs, ...countOf(results), cancelled: run.cancelled, suites, results };
}

/**
 * 0 only when no check failed or errored and the run was not cancelled. A check declared `skip: true` is
 * neither a pass nor a failure: the file says not to run it, so it does not fail the run.
 */
export function smokeExitCode(scoreboard: SmokeScoreboard): 0 | 1 {
  return scoreboard.failed === 0 && scoreboard.errors === 0 && !scoreboard.cancelled ? SMOKE_EXIT.passed : SMOKE_EXIT.failed;
}
