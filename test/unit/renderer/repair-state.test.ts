import { describe, expect, it } from 'vitest';
import { initialRepairState, repairReducer, type RepairAction } from '../../../src/renderer/src/features/repair/repair-state.ts';
import type { RepairPlan, RepairReport } from '../../../src/shared/model/index.ts';

const plan = { id: 'p1', fingerprint: 'f1', steps: [{ id: 's1' }], needsYou: [] } as unknown as RepairPlan;
const outcome = { stepId: 's1', status: 'succeeded' as const, detail: 'ok', durationMs: 5, engineMs: 4 };
const run = (...actions: RepairAction[]) => actions.reduce(repairReducer, initialRepairState);

describe('Repair view state', () => {
  it('preview → planned → running with per-step progress → done with the scoreboard and report', () => {
    const running = run(
      { type: 'preview' },
      { type: 'planned', plan },
      { type: 'execute' },
      { type: 'progress', progress: { type: 'step-started', repairId: 'r', stepId: 's1', index: 0, title: 'Start' } },
    );
    expect(running).toMatchObject({ phase: 'running', steps: { s1: 'running' } });
    const finished = run(
      { type: 'planned', plan },
      { type: 'execute' },
      { type: 'progress', progress: { type: 'step-finished', repairId: 'r', outcome } },
      { type: 'progress', progress: { type: 'verifying', repairId: 'r', by: 'diagnosis' } },
    );
    expect(finished).toMatchObject({ steps: { s1: outcome }, verifying: 'diagnosis' });
    const report = { id: 'r', status: 'completed', scoreboard: { result: 'repaired' } } as unknown as RepairReport;
    const done = repairReducer(finished, {
      type: 'executed',
      execution: { status: 'ran', report, files: { json: '/a.json', markdown: '/a.md' } },
    });
    expect(done).toMatchObject({ phase: 'done', reportPath: '/a.md', reportId: 'r', notice: null, verifying: null });
  });

  it('ignores progress when not running; a refused run shows why and offers the re-plan; busy keeps the plan', () => {
    const idle = run({ type: 'progress', progress: { type: 'step-finished', repairId: 'r', outcome } });
    expect(idle).toBe(initialRepairState);
    const replanned = { ...plan, id: 'p2' };
    const refused = { id: 'r', status: 'refused', refusal: 'The stack changed', replanned, scoreboard: null } as unknown as RepairReport;
    const after = run(
      { type: 'planned', plan },
      { type: 'execute' },
      { type: 'executed', execution: { status: 'ran', report: refused, files: null } },
    );
    expect(after).toMatchObject({ phase: 'planned', notice: 'The stack changed', plan: { id: 'p2' }, reportPath: null });
    const busy = run(
      { type: 'planned', plan },
      { type: 'execute' },
      { type: 'executed', execution: { status: 'busy', message: 'A repair is running' } },
    );
    expect(busy).toMatchObject({ phase: 'planned', plan: { id: 'p1' }, error: 'A repair is running' });
  });
});
