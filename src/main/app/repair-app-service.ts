import type { RepairExecution, RepairExport, RepairReportSummary } from '../../shared/contract/index.ts';
import type { RepairPlan, RepairProgress, RepairReport, RepairReportFiles } from '../../shared/model/index.ts';
import type { Disposable } from '../../shared/lifecycle/disposable.ts';
import type { Event } from '../../shared/lifecycle/emitter.ts';
import type { RepairService } from '../core/repair/repair-service.ts';

/** The reports written so far, read back from the data folder (ReportReaderAdapter in the app). */
export interface RepairReportSource {
  list(): Promise<Array<{ report: RepairReport } & RepairReportFiles>>;
  find(id: string): Promise<({ report: RepairReport } & RepairReportFiles) | null>;
  read(path: string): Promise<string>;
}

/**
 * Repair as every face uses it (CLI, IPC, serve): previews are remembered by plan id so a face executes by
 * `{ planId, fingerprint }` (what crosses the contract), the run in flight can be cancelled, reports are listed and
 * exported.
 */
export interface RepairAppService extends Disposable {
  preview(workspace: string): Promise<RepairPlan>;
  execute(ref: { planId: string; fingerprint: string }): Promise<RepairExecution>;
  /** Aborts the run in flight; false when none runs. */
  cancel(): boolean;
  reports(): Promise<RepairReportSummary[]>;
  exportReport(id: string, format: 'json' | 'markdown'): Promise<RepairExport>;
  readonly onProgress: Event<RepairProgress>;
}

/** Plans kept for execution: the latest previews (and re-plans of refused runs). */
const REMEMBERED_PLANS = 20;

export function createRepairAppService(service: RepairService, source: RepairReportSource): RepairAppService {
  const plans = new Map<string, RepairPlan>();
  let inFlight: AbortController | null = null;
  const remember = (plan: RepairPlan): void => {
    plans.set(plan.id, plan);
    for (const id of plans.keys()) if (plans.size > REMEMBERED_PLANS) plans.delete(id);
  };
  return {
    onProgress: service.onProgress,
    async preview(workspace) {
      const plan = await service.preview(workspace);
      remember(plan);
      return plan;
    },
    async execute({ planId, fingerprint }) {
      const plan = plans.get(planId);
      // The fingerprint must be the previewed one: a face cannot execute a plan it has not been shown.
      if (!plan || plan.fingerprint !== fingerprint) {
        return { status: 'unknown-plan', message: `No previewed plan ${planId} with that fingerprint: preview again.` };
      }
      const controller = new AbortController();
      const ran = await (async () => {
        if (inFlight) return service.execute(plan);
        inFlight = controller;
        try {
          return await service.execute(plan, { signal: controller.signal });
        } finally {
          inFlight = null;
        }
      })();
      if (ran.status === 'busy') return ran;
      plans.delete(planId);
      if (ran.report.replanned) remember(ran.report.replanned);
      return { status: 'ran', report: ran.report, files: ran.files, ...(ran.reportError ? { reportError: ran.reportError } : {}) };
    },
    cancel() {
      if (!inFlight) return false;
      inFlight.abort();
      return true;
    },
    async reports() {
      return (await source.list()).map(({ report, json, markdown }) => ({
        id: report.id,
        startedAt: report.startedAt,
        status: report.status,
        workspace: report.plan.workspace,
        result: report.scoreboard?.result ?? null,
        before: report.scoreboard?.before.verdict ?? null,
        after: report.scoreboard?.after.verdict ?? null,
        closed: report.scoreboard?.closed.length ?? 0,
        remaining: report.scoreboard?.remaining.length ?? 0,
        files: { json, markdown },
      }));
    },
    async exportReport(id, format) {
      const found = await source.find(id);
      if (!found) throw new Error(`No repair report ${id}.`);
      const path = format === 'json' ? found.json : found.markdown;
      return {
        fileName: `stack-doctor-repair-${id}.${format === 'json' ? 'json' : 'md'}`,
        mediaType: format === 'json' ? 'application/json' : 'text/markdown',
        content: await source.read(path),
        path,
      };
    },
    dispose: () => service.dispose(),
  };
}
