import type {
  Diagnosis,
  RepairPlan,
  RepairProgress,
  RepairReport,
  RepairReportFiles,
  SmokeScoreboard,
  StepOutcome,
} from '../../../shared/model/index.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import type { ComposeCli } from '../ports/repair-compose.port.ts';
import { planRepair } from './plan-repair.ts';
import type { RepairDeps } from './repair-deps.ts';
import { redactReport } from './repair-report.ts';
import { buildScoreboard, summarize } from './repair-scoreboard.ts';
import { reportMarkdown } from './report-markdown.ts';
import { round, runSteps } from './run-steps.ts';
import { stackFingerprint } from './stack-fingerprint.ts';
import { DEFAULT_STEP_TIMINGS, StepContext } from './step-context.ts';

/** How one execution ended, with its report (already written, unless writing failed: `reportError`). */
export interface RepairRun {
  report: RepairReport;
  files: RepairReportFiles | null;
  reportError?: string;
}

export interface ExecuteInput {
  plan: RepairPlan;
  emit: (progress: RepairProgress) => void;
  signal?: AbortSignal;
}

/**
 * One execution: check the stack against the plan's fingerprint (a fresh diagnosis; a mismatch refuses and
 * re-plans), run the steps, verify with a fresh diagnosis and the smoke suite when there is one, score before
 * against after, and write the report. The states, in order: checking → refused | running → verifying → done.
 */
export async function executeRepair(deps: RepairDeps, { plan, emit, signal }: ExecuteInput): Promise<RepairRun> {
  const { clock, diagnoser } = deps;
  const repairId = deps.newId();
  const log = deps.logger.child({ correlationId: repairId, repair: plan.id });
  const lines: string[] = [];
  const note = (line: string): void => {
    lines.push(`${clock.date().toISOString()} ${line}`);
    log.info({}, line);
  };
  const startedAt = clock.date().toISOString();
  const started = clock.now();
  let diagnosisMs = 0;
  const diagnose = async (): Promise<Diagnosis> => {
    const t = clock.now();
    try {
      return await diagnoser.diagnose(plan.workspace);
    } finally {
      diagnosisMs += clock.now() - t;
    }
  };

  note(`checking the stack against plan ${plan.id} (fingerprint ${plan.fingerprint})`);
  const before = await diagnose();
  const now = stackFingerprint(before, plan.steps);
  const base = {
    id: repairId,
    startedAt,
    plan,
    correlationIds: { repair: repairId, plan: plan.diagnosisId, before: before.correlationId },
  };
  if (now !== plan.fingerprint) {
    const replanned = planRepair({
      diagnosis: before,
      id: deps.newId(),
      createdAt: clock.date().toISOString(),
      compose: await detectCompose(deps),
      openBreakers: deps.breakers?.openTargets() ?? [],
    });
    const refusal = `The stack changed since the preview (fingerprint ${plan.fingerprint}, now ${now}): nothing was touched. Review the new plan ${replanned.id}.`;
    note(refusal);
    emit({ type: 'refused', repairId, planId: plan.id, reason: refusal, replannedId: replanned.id });
    emit({ type: 'finished', repairId, status: 'refused', scoreboard: null });
    const report: RepairReport = {
      ...base,
      status: 'refused',
      refusal,
      replanned,
      outcomes: [],
      scoreboard: null,
      correlationIds: { ...base.correlationIds, after: null },
      log: [],
    };
    return finish(deps, report, lines);
  }

  emit({ type: 'started', repairId, planId: plan.id, steps: plan.steps.length });
  note(`running ${plan.steps.length} step(s)`);
  const context = new StepContext(deps, { ...DEFAULT_STEP_TIMINGS, ...deps.timings }, signal);
  const outcomes = await runSteps({
    plan,
    repairId,
    context,
    signal,
    emit: (progress) => {
      if (progress.type === 'step-finished') note(`${progress.outcome.stepId} ${progress.outcome.status}: ${progress.outcome.detail}`);
      emit(progress);
    },
  });
  const cancelled = signal?.aborted === true;

  // Nothing ran: the stack is as the check just saw it, so that diagnosis is the after too.
  const changed = outcomes.some((o) => o.status !== 'skipped');
  if (changed) emit({ type: 'verifying', repairId, by: 'diagnosis' });
  // The steps ran: whatever the verification meets, the run gets its report. A diagnosis that cannot run any more
  // (the workspace went away) leaves the before as the last known state, said so in the log.
  const after = changed
    ? await diagnose().catch((error: unknown) => {
        note(`verification diagnosis failed, after = before: ${errorMessage(error)}`);
        return before;
      })
    : before;
  let smoke: SmokeScoreboard | null = null;
  let smokeMs = 0;
  // A cancelled run is not verified by the suites: the user asked to stop, and the diagnosis already says where it is.
  if (changed && deps.smoke && !cancelled) {
    const t = clock.now();
    const onStart = (): void => emit({ type: 'verifying', repairId, by: 'smoke' });
    smoke = await deps.smoke.verify(plan.workspace, { onStart, ...(signal ? { signal } : {}) }).catch((error: unknown) => {
      note(`smoke verification could not run: ${errorMessage(error)}`);
      return null;
    });
    smokeMs = clock.now() - t;
  }
  const engineMs = sum(outcomes);
  const totalMs = clock.now() - started;
  const scoreboard = buildScoreboard({
    before: summarize(before),
    after: summarize(after),
    outcomes,
    smoke,
    timing: {
      totalMs: round(totalMs),
      engineMs: round(engineMs),
      diagnosisMs: round(diagnosisMs),
      smokeMs: round(smokeMs),
      toolMs: round(totalMs - engineMs - diagnosisMs - smokeMs),
    },
  });
  const status = cancelled ? 'cancelled' : 'completed';
  note(`${status}: ${scoreboard.result}, ${scoreboard.closed.length} finding(s) closed, ${scoreboard.after.findings.length} remaining`);
  emit({ type: 'finished', repairId, status, scoreboard });
  const report: RepairReport = {
    ...base,
    status,
    outcomes,
    scoreboard,
    correlationIds: { ...base.correlationIds, after: after.correlationId },
    log: [],
  };
  return finish(deps, report, lines);
}

async function finish(deps: RepairDeps, report: RepairReport, lines: string[]): Promise<RepairRun> {
  const ids = Object.values(report.correlationIds).filter((id): id is string => id !== null);
  const excerpt = deps.log ? await deps.log.excerpt(ids).catch(() => lines) : lines;
  const redacted = redactReport({ ...report, log: excerpt });
  try {
    const files = await deps.reports.write(redacted, reportMarkdown(redacted));
    return { report: redacted, files };
  } catch (error) {
    deps.logger.error({ correlationId: report.id, err: errorMessage(error) }, 'repair report not written');
    return { report: redacted, files: null, reportError: errorMessage(error) };
  }
}

export async function detectCompose(deps: Pick<RepairDeps, 'compose'>): Promise<ComposeCli | null> {
  return deps.compose.detect().catch(() => null);
}

function sum(outcomes: readonly StepOutcome[]): number {
  return outcomes.reduce((total, o) => total + o.engineMs, 0);
}
