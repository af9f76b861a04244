import { describe, expect, it } from 'vitest';
import { BACKSTOP_GRACE_MS } from '../../../../src/main/core/smoke/run-check.ts';
import { runSmoke, type SmokeRun } from '../../../../src/main/core/smoke/run-smoke.ts';
import { smokeExitCode } from '../../../../src/main/core/smoke/scoreboard.ts';
import type { CheckContext } from '../../../../src/main/core/smoke/smoke-check.ts';
import { smokeScoreboardSchema, type SmokeCheckResult, type SmokeScoreboard } from '../../../../src/shared/model/index.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { after, passes, planned, suite } from './support/planned.ts';

function scoreboardOf(run: SmokeRun): SmokeScoreboard {
  if (!run.ok) throw new Error(run.error.message);
  return smokeScoreboardSchema.parse(run.scoreboard);
}

const rows = (board: SmokeScoreboard) => board.results.map((r) => [r.suite, r.check, r.result, r.durationMs, r.reason]);

describe('runSmoke', () => {
  it('runs at most `concurrency` checks at once and reports in declared order with clock durations', async () => {
    const clock = new FakeClock();
    let inFlight = 0;
    let most = 0;
    const counted = (ms: number) => async (context: CheckContext) => {
      most = Math.max(most, ++inFlight);
      await context.clock.sleep(ms);
      inFlight--;
      return { result: 'pass' as const };
    };
    const suites = [
      suite('infra', [planned('infra', 'a', counted(300)), planned('infra', 'b', counted(100))]),
      suite('http', [planned('http', 'c', counted(100)), planned('http', 'd', counted(100)), planned('http', 'e', counted(100))]),
    ];
    const finished: string[] = [];
    const running = runSmoke(suites, clock, { concurrency: 2, onResult: (r) => finished.push(r.check) });
    await clock.advance(1000);
    const board = scoreboardOf(await running);

    expect(most).toBe(2);
    expect(finished).toEqual(['b', 'c', 'a', 'd', 'e']);
    expect(rows(board)).toEqual([
      ['infra', 'a', 'pass', 300, undefined],
      ['infra', 'b', 'pass', 100, undefined],
      ['http', 'c', 'pass', 100, undefined],
      ['http', 'd', 'pass', 100, undefined],
      ['http', 'e', 'pass', 100, undefined],
    ]);
    expect(board).toMatchObject({ passed: 5, failed: 0, errors: 0, skipped: 0, total: 5, durationMs: 400, cancelled: false });
    expect(board.startedAt).toBe('2026-01-01T00:00:00.000Z');
    // infra: 0..300; http: c 100..200, d 200..300 (a's slot is busy until 300), e 300..400.
    expect(board.suites).toEqual([
      { name: 'infra', passed: 2, failed: 0, errors: 0, skipped: 0, total: 2, durationMs: 300 },
      { name: 'http', passed: 3, failed: 0, errors: 0, skipped: 0, total: 3, durationMs: 300 },
    ]);
    expect(board.results[0]?.target).toBe('a:1');
    expect(smokeExitCode(board)).toBe(0);
  });

  it('fails a check that never answers at its budget (plus the grace) and aborts its signal', async () => {
    const clock = new FakeClock();
    let signal: AbortSignal | undefined;
    const hang = (context: CheckContext) => {
      signal = context.signal;
      return new Promise<never>(() => undefined);
    };
    const running = runSmoke([suite('s', [planned('s', 'hangs', hang, { timeoutMs: 2000 })])], clock);
    await clock.advance(2000 + BACKSTOP_GRACE_MS - 1);
    expect(signal?.aborted).toBe(false);
    await clock.advance(1);
    const board = scoreboardOf(await running);
    expect(rows(board)).toEqual([['s', 'hangs', 'fail', 2000 + BACKSTOP_GRACE_MS, 'no result within 2000 ms']]);
    expect(signal?.aborted).toBe(true);
    expect(clock.pending).toBe(0);
    expect(smokeExitCode(board)).toBe(1);
  });

  it('fails a pass that came after the budget, and reports a throw or a rejection as error', async () => {
    const clock = new FakeClock();
    const running = runSmoke(
      [
        suite('s', [
          planned('s', 'late', after(1100)),
          planned('s', 'on time', after(1000)),
          planned('s', 'throws', () => {
            throw new Error('boom');
          }),
          planned('s', 'rejects', () => Promise.reject(new TypeError('bad'))),
          planned('s', 'fails', after(5, { result: 'fail', reason: 'ECONNREFUSED' })),
        ]),
      ],
      clock,
      { concurrency: 8 },
    );
    await clock.advance(2000);
    expect(rows(scoreboardOf(await running))).toEqual([
      ['s', 'late', 'fail', 1100, 'passed after 1100 ms, over the 1000 ms budget'],
      ['s', 'on time', 'pass', 1000, undefined],
      ['s', 'throws', 'error', 0, 'boom'],
      ['s', 'rejects', 'error', 0, 'bad'],
      ['s', 'fails', 'fail', 5, 'ECONNREFUSED'],
    ]);
  });

  it('does not run a skipped check, and skipping alone does not fail the run', async () => {
    const clock = new FakeClock();
    let ran = false;
    const check = planned('s', 'off', () => ((ran = true), Promise.resolve({ result: 'pass' as const })), { skipped: 'skip: true' });
    const board = scoreboardOf(await runSmoke([suite('s', [check, planned('s', 'on', passes)])], clock));
    expect(ran).toBe(false);
    expect(rows(board)).toEqual([
      ['s', 'off', 'skipped', 0, 'skip: true'],
      ['s', 'on', 'pass', 0, undefined],
    ]);
    expect(board).toMatchObject({ passed: 1, skipped: 1, total: 2 });
    expect(smokeExitCode(board)).toBe(0);
  });

  it('on cancel ends the check in flight as error, skips the rest, and fails the run', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    let signal: AbortSignal | undefined;
    const first = (context: CheckContext) => {
      signal = context.signal;
      return new Promise<never>(() => undefined);
    };
    const running = runSmoke(
      [suite('s', [planned('s', 'first', first), planned('s', 'second', after(10)), planned('s', 'third', after(10))])],
      clock,
      { concurrency: 1, signal: controller.signal },
    );
    await clock.advance(50);
    controller.abort();
    const board = scoreboardOf(await running);
    expect(rows(board)).toEqual([
      ['s', 'first', 'error', 50, 'the run was cancelled while this check ran'],
      ['s', 'second', 'skipped', 0, 'the run was cancelled before this check started'],
      ['s', 'third', 'skipped', 0, 'the run was cancelled before this check started'],
    ]);
    expect(signal?.aborted).toBe(true);
    expect(board.cancelled).toBe(true);
    expect(clock.pending).toBe(0);
    expect(smokeExitCode(board)).toBe(1);
  });

  it('runs one suite by name, and answers an unknown name with the known ones', async () => {
    const clock = new FakeClock();
    const suites = [suite('a', [planned('a', 'x', passes)]), suite('b', [planned('b', 'y', passes)])];
    const board = scoreboardOf(await runSmoke(suites, clock, { suite: 'b' }));
    expect(board.results.map((r) => r.check)).toEqual(['y']);
    expect(board.suites.map((s) => s.name)).toEqual(['b']);
    expect(await runSmoke(suites, clock, { suite: 'c' })).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_SUITE', message: 'no smoke suite named "c" (suites: a, b)' },
    });
  });

  it('ignores a progress listener that throws', async () => {
    const clock = new FakeClock();
    const seen: SmokeCheckResult[] = [];
    const board = scoreboardOf(
      await runSmoke([suite('s', [planned('s', 'x', passes), planned('s', 'y', passes)])], clock, {
        onResult: (result) => {
          seen.push(result);
          throw new Error('listener bug');
        },
      }),
    );
    expect(seen).toHaveLength(2);
    expect(board.passed).toBe(2);
  });

  it('reports an empty selection as an empty, passing scoreboard', async () => {
    const board = scoreboardOf(await runSmoke([], new FakeClock()));
    expect(board).toMatchObject({ total: 0, suites: [], results: [], cancelled: false });
    expect(smokeExitCode(board)).toBe(0);
  });
});
