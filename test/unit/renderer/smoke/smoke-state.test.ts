import { describe, expect, it } from 'vitest';
import { initialSmokeState, runSummary, smokeReducer } from '../../../../src/renderer/src/features/smoke/smoke-state.ts';
import { appendLive, toLogFilter } from '../../../../src/renderer/src/features/logs/logs-state.ts';
import type { LogEntry, SmokeCheckResult, SmokeRunRecord } from '../../../../src/shared/model/index.ts';

const result = (check: string, outcome: SmokeCheckResult['result'] = 'pass'): SmokeCheckResult => ({
  suite: 'http',
  check,
  kind: 'http',
  result: outcome,
  durationMs: 3,
});

const record = (runId: string, results: SmokeCheckResult[]): SmokeRunRecord => ({
  runId,
  workspace: '/ws',
  suite: null,
  exitCode: results.every((r) => r.result === 'pass') ? 0 : 1,
  scoreboard: {
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 5,
    passed: results.filter((r) => r.result === 'pass').length,
    failed: results.filter((r) => r.result === 'fail').length,
    errors: 0,
    skipped: 0,
    total: results.length,
    cancelled: false,
    suites: [],
    results,
  },
});

describe('the Smoke view state', () => {
  it('shows progress as checks finish, then the finished run first in the history', () => {
    let state = smokeReducer(initialSmokeState, { type: 'run-started', suite: 'http' });
    state = smokeReducer(state, { type: 'progress', progress: { runId: 'a', result: result('one'), done: 1, total: 2 } });
    state = smokeReducer(state, { type: 'progress', progress: { runId: 'a', result: result('two', 'fail'), done: 2, total: 2 } });
    expect(state.progress.results.map((r) => r.check)).toEqual(['one', 'two']);
    expect(state.running).toBe('http');
    const finished = record('a', [result('one'), result('two', 'fail')]);
    state = smokeReducer(state, { type: 'run-finished', result: { ok: true, value: finished } });
    expect(state.running).toBeUndefined();
    expect(state.shown?.runId).toBe('a');
    expect(state.history.map((r) => r.runId)).toEqual(['a']);
    expect(runSummary(finished)).toBe('1/2 passed, 1 failed');
    // A new run's first check starts the progress list afresh.
    state = smokeReducer(state, { type: 'progress', progress: { runId: 'b', result: result('three'), done: 1, total: 1 } });
    expect(state.progress.results.map((r) => r.check)).toEqual(['three']);
  });

  it('keeps a refused run as an error and the view idle', () => {
    let state = smokeReducer(initialSmokeState, { type: 'run-started', suite: 'nope' });
    state = smokeReducer(state, {
      type: 'run-finished',
      result: { ok: false, error: { code: 'INVALID_REQUEST', message: 'no smoke suite named "nope"' } },
    });
    expect(state.running).toBeUndefined();
    expect(state.error?.message).toBe('no smoke suite named "nope"');
  });
});

const entry = (seq: number, over: Partial<LogEntry> = {}): LogEntry => ({
  seq,
  time: '2026-01-01T00:00:00.000Z',
  level: 'info',
  msg: `m${seq}`,
  correlationId: null,
  service: null,
  fields: {},
  ...over,
});

describe('the Logs view state', () => {
  it('turns the form into a filter, leaving blanks out', () => {
    expect(toLogFilter({ correlationId: ' abc ', service: '', minLevel: 'warn' }, 50)).toEqual({
      correlationId: 'abc',
      minLevel: 'warn',
      limit: 50,
    });
  });

  it('adds only new live entries the filter passes, bounded to the newest', () => {
    const shown = [entry(10), entry(20)];
    const live = [entry(20), entry(30, { level: 'debug' }), entry(40, { level: 'error' })];
    expect(appendLive(shown, live, { minLevel: 'info' }).map((e) => e.seq)).toEqual([10, 20, 40]);
    expect(appendLive(shown, live, {}, 3).map((e) => e.seq)).toEqual([20, 30, 40]);
    expect(appendLive(shown, [entry(50, { correlationId: 'x' })], { correlationId: 'y' })).toBe(shown);
  });
});
