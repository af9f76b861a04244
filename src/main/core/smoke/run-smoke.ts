import pLimit from 'p-limit';
import { DEFAULT_SMOKE_CONCURRENCY, type SmokeCheckResult, type SmokeScoreboard } from '../../../shared/model/index.ts';
import type { Clock } from '../ports/clock.port.ts';
import { runCheck } from './run-check.ts';
import { buildScoreboard } from './scoreboard.ts';
import type { PlannedSuite } from './smoke-check.ts';

export interface SmokeRunOptions {
  /** Run only the suite of this name; default every suite. */
  suite?: string;
  /** Checks in flight at once, across suites. Default 4 (`smoke.concurrency` when the caller passes it). */
  concurrency?: number;
  /** Cancels the run: checks in flight end as `error`, checks not started as `skipped`; the scoreboard says `cancelled`. */
  signal?: AbortSignal;
  /** Called as each check ends (in completion order), for progress events. A throwing listener is ignored. */
  onResult?: (result: SmokeCheckResult) => void;
}

export type SmokeRun = { ok: true; scoreboard: SmokeScoreboard } | { ok: false; error: { code: 'UNKNOWN_SUITE'; message: string } };

/**
 * Runs the suites' checks, at most `concurrency` at once, each within its budget (see runCheck), and returns
 * the scoreboard with results in declared order. Never rejects; an unknown `suite` is an error value.
 */
export async function runSmoke(suites: readonly PlannedSuite[], clock: Clock, options: SmokeRunOptions = {}): Promise<SmokeRun> {
  const selected = options.suite === undefined ? suites : suites.filter((suite) => suite.name === options.suite);
  if (selected.length === 0 && options.suite !== undefined) {
    const known = suites.map((suite) => suite.name).join(', ') || 'none';
    return { ok: false, error: { code: 'UNKNOWN_SUITE', message: `no smoke suite named "${options.suite}" (suites: ${known})` } };
  }
  const startedAt = clock.date().toISOString();
  const started = clock.now();
  const cancel = options.signal ?? new AbortController().signal;
  const limit = pLimit(Math.max(1, Math.floor(options.concurrency ?? DEFAULT_SMOKE_CONCURRENCY)));
  const timed = await Promise.all(
    selected.flatMap((suite) =>
      suite.checks.map((check) =>
        limit(async () => {
          const entry = await runCheck(check, clock, cancel);
          try {
            options.onResult?.(entry.result);
          } catch {
            // A progress listener's failure must not change the run.
          }
          return entry;
        }),
      ),
    ),
  );
  const durationMs = Math.max(0, Math.round((clock.now() - started) * 10) / 10);
  const scoreboard = buildScoreboard(timed, {
    suiteOrder: selected.map((suite) => suite.name),
    startedAt,
    durationMs,
    cancelled: cancel.aborted,
  });
  return { ok: true, scoreboard };
}
