import { describe, expect, it } from 'vitest';
import type { BreakerResetPort } from '../../../../src/main/core/ports/repair-breaker.port.ts';
import type { SmokeScoreboard } from '../../../../src/shared/model/index.ts';
import { runningContainer } from '../../support/container-info.ts';
import { endVerdict } from '../../../../src/main/core/repair/repair-scoreboard.ts';
import { harness } from './support/harness.ts';

const exitedApi = () =>
  runningContainer({
    id: 'id-api',
    name: 'shop-api-1',
    state: 'exited',
    exitCode: 1,
    labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'api' },
  });

function smokeBoard(failed: number): SmokeScoreboard {
  return {
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 12,
    passed: 2 - failed,
    failed,
    errors: 0,
    skipped: 0,
    total: 2,
    cancelled: false,
    suites: [],
    results: [],
  };
}

describe('repair verification: breaker, smoke suite, log excerpt', () => {
  it("resets the chat breaker of a target that answers again, after the stack's steps, and checks it closed", async () => {
    const states = new Map<string, 'open' | 'half-open' | 'closed'>([['http://localhost:8006', 'open']]);
    const resets: string[] = [];
    const breakers: BreakerResetPort = {
      openTargets: () => [...states].filter(([, s]) => s !== 'closed').map(([t]) => t),
      reset: async (target) => {
        resets.push(target);
        states.delete(target);
      },
      state: (target) => states.get(target) ?? 'closed',
    };
    const h = harness([{ name: 'api', containerId: 'id-api' }], { breakers });
    h.engine.add(exitedApi());
    const plan = await h.service.preview('/ws');
    expect(plan.steps.map((s) => s.kind)).toEqual(['start-container', 'reset-breaker']);
    const run = await h.drive(h.service.execute(plan));
    if (run.status !== 'ran') throw new Error('busy');
    expect(resets).toEqual(['http://localhost:8006']);
    expect(run.report.outcomes[1]).toMatchObject({ status: 'succeeded', detail: 'breaker for http://localhost:8006 closed' });
  });

  it('runs the smoke suite after the diagnosis when the workspace has one; a failing check keeps it from "repaired" and makes the end verdict degraded', async () => {
    const calls: string[] = [];
    const h = harness([{ name: 'api', containerId: 'id-api' }], {
      smoke: {
        verify: async (workspace, options) => {
          calls.push(workspace);
          options?.onStart?.();
          return smokeBoard(1);
        },
      },
    });
    h.engine.add(exitedApi());
    const run = await h.drive(h.service.execute(await h.service.preview('/ws')));
    if (run.status !== 'ran') throw new Error('busy');
    expect(calls).toEqual(['/ws']);
    expect(h.events.filter((e) => e.type === 'verifying').map((e) => (e.type === 'verifying' ? e.by : ''))).toEqual(['diagnosis', 'smoke']);
    expect(run.report.scoreboard).toMatchObject({ result: 'improved', after: { verdict: 'healthy' }, smoke: { failed: 1 } });
    expect(endVerdict(run.report.scoreboard!)).toBe('degraded');
    expect(h.reports.written[0]?.markdown).toContain('Smoke: 1/2 passed, 1 failed');
    expect(h.reports.written[0]?.markdown).toContain('Verdict at the end: **degraded** (a smoke check failed)');
  });

  it('a passing suite lets the run be "repaired"; a workspace without a suite emits no smoke progress and has no scoreboard', async () => {
    const passing = harness([{ name: 'api', containerId: 'id-api' }], {
      smoke: {
        verify: async (_workspace, options) => {
          options?.onStart?.();
          return smokeBoard(0);
        },
      },
    });
    passing.engine.add(exitedApi());
    const ran = await passing.drive(passing.service.execute(await passing.service.preview('/ws')));
    if (ran.status !== 'ran') throw new Error('busy');
    expect(ran.report.scoreboard).toMatchObject({ result: 'repaired', smoke: { passed: 2, failed: 0 } });
    expect(endVerdict(ran.report.scoreboard!)).toBe('healthy');

    const none = harness([{ name: 'api', containerId: 'id-api' }], { smoke: { verify: async () => null } });
    none.engine.add(exitedApi());
    const plain = await none.drive(none.service.execute(await none.service.preview('/ws')));
    if (plain.status !== 'ran') throw new Error('busy');
    expect(none.events.filter((e) => e.type === 'verifying').map((e) => (e.type === 'verifying' ? e.by : ''))).toEqual(['diagnosis']);
    expect(plain.report.scoreboard?.smoke).toBeNull();
    expect(none.reports.written[0]?.markdown).toContain('Smoke: no suite declared');
  });

  it('puts the log lines of every correlation id of the run in the report, redacted', async () => {
    const asked: string[][] = [];
    const h = harness([{ name: 'api', containerId: 'id-api' }], {
      log: {
        excerpt: async (ids) => {
          asked.push(ids);
          return ['{"msg":"connecting","url":"redis://:s3cret@cache:6379"}'];
        },
      },
    });
    h.engine.add(exitedApi());
    const run = await h.drive(h.service.execute(await h.service.preview('/ws')));
    if (run.status !== 'ran') throw new Error('busy');
    const ids = run.report.correlationIds;
    expect(asked).toEqual([[ids.repair, ids.plan, ids.before, ids.after]]);
    expect(run.report.log).toEqual(['{"msg":"connecting","url":"redis://:***@cache:6379"}']);
  });

  it('still writes the report when the verification diagnosis cannot run, the before standing as the last known state', async () => {
    const h = harness([{ name: 'api', containerId: 'id-api' }]);
    h.engine.add(exitedApi());
    const plan = await h.service.preview('/ws');
    const original = h.diagnoser.diagnose.bind(h.diagnoser);
    h.diagnoser.diagnose = async () => {
      if (h.diagnoser.runs >= 2) throw new Error('Workspace /ws does not exist or is not a directory.');
      return original();
    };
    const run = await h.drive(h.service.execute(plan));
    if (run.status !== 'ran') throw new Error('busy');
    expect(run.report.outcomes[0]?.status).toBe('succeeded');
    expect(run.report.scoreboard?.result).toBe('unchanged');
    expect(run.report.log.join('\n')).toContain('verification diagnosis failed, after = before: Workspace /ws does not exist');
    expect(h.reports.written).toHaveLength(1);
  });
});
