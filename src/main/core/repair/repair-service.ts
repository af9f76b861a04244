import type { RepairPlan, RepairProgress } from '../../../shared/model/index.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import type { Disposable } from '../../../shared/lifecycle/disposable.ts';
import { Emitter, type Event } from '../../../shared/lifecycle/emitter.ts';
import { planRepair } from './plan-repair.ts';
import type { RepairDeps } from './repair-deps.ts';
import { detectCompose, executeRepair, type RepairRun } from './repair-executor.ts';

/** `busy`: another execution runs (one at a time per service); otherwise the run and its report. */
export type ExecuteResult = ({ status: 'ran' } & RepairRun) | { status: 'busy'; message: string };

/**
 * One-click repair, for every face: `preview` diagnoses and plans (a dry run: nothing is touched), the face
 * confirms, `execute` runs the plan with progress events, verifies and reports. Dispose waits for a run in flight.
 */
export interface RepairService extends Disposable {
  preview(workspace: string): Promise<RepairPlan>;
  execute(plan: RepairPlan, options?: { signal?: AbortSignal }): Promise<ExecuteResult>;
  readonly onProgress: Event<RepairProgress>;
}

export function createRepairService(deps: RepairDeps): RepairService {
  const progress = new Emitter<RepairProgress>((error) => deps.logger.error({ err: errorMessage(error) }, 'repair listener failed'));
  let running: Promise<unknown> | null = null;
  let disposed = false;
  return {
    onProgress: progress.event,
    async preview(workspace) {
      if (disposed) throw new Error('The repair service was disposed.');
      const diagnosis = await deps.diagnoser.diagnose(workspace);
      return planRepair({
        diagnosis,
        id: deps.newId(),
        createdAt: deps.clock.date().toISOString(),
        compose: await detectCompose(deps),
        openBreakers: deps.breakers?.openTargets() ?? [],
      });
    },
    async execute(plan, options = {}) {
      if (disposed) throw new Error('The repair service was disposed.');
      if (running) return { status: 'busy', message: 'A repair is running; wait for it to finish.' };
      const run = executeRepair(deps, { plan, emit: (p) => progress.emit(p), ...(options.signal ? { signal: options.signal } : {}) });
      running = run;
      try {
        return { status: 'ran', ...(await run) };
      } finally {
        running = null;
      }
    },
    async dispose() {
      disposed = true;
      await running?.catch(() => undefined);
      progress.dispose();
    },
  };
}
