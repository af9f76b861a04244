import { z } from 'zod';
import { verdictSchema } from './diagnosis.ts';
import { findingIdSchema, severitySchema } from './finding.ts';
import { changeActionSchema } from './fix-action.ts';
import { probeErrorSchema } from './probe.ts';
import { smokeScoreboardSchema } from './smoke.ts';

/*
 * One-click repair as data: the plan a preview shows, the progress events of its execution, the before/after
 * scoreboard and the report written for every run. Everything here goes to the renderer, the CLI's `--json`
 * and the report files, so nothing here carries a secret (reports are redacted once more when written).
 */

/** What a step answers: enough of a finding to name it, match it after the repair, and show it. */
export const findingRefSchema = z.object({
  id: findingIdSchema,
  severity: severitySchema,
  subject: z.string(),
  summary: z.string(),
});
export type FindingRef = z.infer<typeof findingRefSchema>;

/** Resets the chat client's open circuit breaker for `target` (an origin) once the target answers again. */
export const resetBreakerActionSchema = z.object({
  kind: z.literal('reset-breaker'),
  params: z.object({ target: z.string() }),
});

/** What a step carries out: a fix action a repair may run, or the breaker reset (which no finding carries). */
export const repairStepActionSchema = z.discriminatedUnion('kind', [...changeActionSchema.options, resetBreakerActionSchema]);

export const repairStepKindSchema = z.enum([
  'start-container',
  'restart-container',
  'network-connect',
  'create-service',
  'pin-orchestrator-target',
  'reset-breaker',
]);
export type RepairStepKind = z.infer<typeof repairStepKindSchema>;

export const riskLevelSchema = z.enum(['low', 'medium', 'high']);
export const repairRiskSchema = z.object({ level: riskLevelSchema, reason: z.string() });
export type RepairRisk = z.infer<typeof repairRiskSchema>;

/** Whether a step can be taken back, and how (a command to paste, or what the app restores). */
export const repairUndoSchema = z.object({
  possible: z.boolean(),
  how: z.string(),
  command: z.string().optional(),
});
export type RepairUndo = z.infer<typeof repairUndoSchema>;

/** The container a step acts on, as the diagnosis saw it: what execution checks it still is. */
export const stepContainerSchema = z.object({
  id: z.string(),
  name: z.string(),
  service: z.string(),
  project: z.string(),
});

export const repairStepSchema = z.object({
  /** `s1`, `s2`… in execution order. */
  id: z.string(),
  kind: repairStepKindSchema,
  /** One line: `Start shop-db-1`. */
  title: z.string(),
  /** What it will do, in a sentence. */
  effect: z.string(),
  /** The exact command it corresponds to (as run, e.g. with `docker-compose` v1); absent for settings and the breaker. */
  command: z.string().optional(),
  /** The change that keeps it fixed (the compose edit), when the step is a workaround. */
  lasting: z.string().optional(),
  action: repairStepActionSchema,
  /** The findings it answers; empty for the breaker reset. */
  answers: z.array(findingRefSchema),
  container: stepContainerSchema.optional(),
  risk: repairRiskSchema,
  undo: repairUndoSchema,
  /** How the step is checked once done. */
  verify: z.string(),
  /** Steps that must succeed first (a dependency's start before its dependent's). */
  after: z.array(z.string()),
});
export type RepairStep = z.infer<typeof repairStepSchema>;

/** A finding a repair leaves alone, and why: the user's to fix. */
export const needsYouSchema = z.object({
  finding: findingRefSchema,
  /** Why Stack Doctor does not touch it. */
  why: z.string(),
  /** The finding's fix text. */
  fix: z.string(),
  /** A command to run, when there is one. */
  command: z.string().optional(),
  lasting: z.string().optional(),
});
export type NeedsYou = z.infer<typeof needsYouSchema>;

export const repairPlanSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  workspace: z.string(),
  /** Correlation id of the diagnosis the plan comes from. */
  diagnosisId: z.string(),
  verdict: verdictSchema,
  /** The stack as the plan saw it (config, container ids, the states steps rely on); execution refuses on a mismatch. */
  fingerprint: z.string(),
  steps: z.array(repairStepSchema),
  needsYou: z.array(needsYouSchema),
  /** The compose CLI a create step runs (`docker compose`, `docker-compose`), or null when none is installed. */
  composeCli: z.string().nullable(),
});
export type RepairPlan = z.infer<typeof repairPlanSchema>;

export const stepStatusSchema = z.enum(['succeeded', 'failed', 'skipped']);

export const stepOutcomeSchema = z.object({
  stepId: z.string(),
  status: stepStatusSchema,
  /** One line: `running, healthy`, `orchestrator-service resolves: getent 172.18.0.2`, why it failed or was skipped. */
  detail: z.string(),
  error: probeErrorSchema.optional(),
  startedAt: z.string().optional(),
  /** Wall time of the step, its verification included, ms. */
  durationMs: z.number().nonnegative(),
  /** Of which inside engine, compose and settings calls, ms. */
  engineMs: z.number().nonnegative(),
});
export type StepOutcome = z.infer<typeof stepOutcomeSchema>;

/** A diagnosis reduced to what before/after compare. */
export const diagnosisSummarySchema = z.object({
  verdict: verdictSchema,
  correlationId: z.string(),
  checkedAt: z.string(),
  findings: z.array(findingRefSchema),
});
export type DiagnosisSummary = z.infer<typeof diagnosisSummarySchema>;

/**
 * Where the time of a repair went, ms. `engineMs`: inside engine control/read calls, the compose CLI and settings;
 * `diagnosisMs`: the fingerprint check and the verification diagnoses (their probes and their own work);
 * `smokeMs`: the smoke suite; `toolMs`: the rest (planning, bookkeeping, the report).
 */
export const repairTimingSchema = z.object({
  totalMs: z.number().nonnegative(),
  engineMs: z.number().nonnegative(),
  diagnosisMs: z.number().nonnegative(),
  smokeMs: z.number().nonnegative(),
  toolMs: z.number().nonnegative(),
});
export type RepairTiming = z.infer<typeof repairTimingSchema>;

/** `repaired`: nothing left that a step answered and nothing new; `worse`: a worse verdict or a new error finding. */
export const repairResultSchema = z.enum(['repaired', 'improved', 'unchanged', 'worse']);

export const repairScoreboardSchema = z.object({
  result: repairResultSchema,
  before: diagnosisSummarySchema,
  after: diagnosisSummarySchema,
  closed: z.array(findingRefSchema),
  remaining: z.array(findingRefSchema),
  /** Findings the after-diagnosis has and the before did not. */
  appeared: z.array(findingRefSchema),
  steps: z.object({ succeeded: z.number().int(), failed: z.number().int(), skipped: z.number().int() }),
  /** The smoke suite run as verification, when the workspace declares one. */
  smoke: smokeScoreboardSchema.nullable(),
  timing: repairTimingSchema,
});
export type RepairScoreboard = z.infer<typeof repairScoreboardSchema>;

/** What one execution did: `refused` when the stack changed since the preview (with the new plan), or ran. */
export const repairRunStatusSchema = z.enum(['completed', 'refused', 'cancelled']);

export const repairReportSchema = z.object({
  /** Correlation id of the repair run; names its report files. */
  id: z.string(),
  status: repairRunStatusSchema,
  startedAt: z.string(),
  plan: repairPlanSchema,
  outcomes: z.array(stepOutcomeSchema),
  /** Why it was refused (`status: refused`). */
  refusal: z.string().optional(),
  /** The plan made from the changed stack (`status: refused`). */
  replanned: repairPlanSchema.optional(),
  scoreboard: repairScoreboardSchema.nullable(),
  /** Every correlation id involved: the plan's diagnosis, the check before execution, the verification. */
  correlationIds: z.object({ repair: z.string(), plan: z.string(), before: z.string().nullable(), after: z.string().nullable() }),
  /** Log lines of the run (redacted), as the log port gave them. */
  log: z.array(z.string()),
});
export type RepairReport = z.infer<typeof repairReportSchema>;

/** Progress of one execution, in order: started → step-started/step-finished… → verifying → finished (or refused). */
export const repairProgressSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), repairId: z.string(), planId: z.string(), steps: z.number().int() }),
  z.object({ type: z.literal('refused'), repairId: z.string(), planId: z.string(), reason: z.string(), replannedId: z.string() }),
  z.object({
    type: z.literal('step-started'),
    repairId: z.string(),
    stepId: z.string(),
    index: z.number().int(),
    title: z.string(),
  }),
  z.object({ type: z.literal('step-finished'), repairId: z.string(), outcome: stepOutcomeSchema }),
  z.object({ type: z.literal('verifying'), repairId: z.string(), by: z.enum(['diagnosis', 'smoke']) }),
  z.object({
    type: z.literal('finished'),
    repairId: z.string(),
    status: repairRunStatusSchema,
    scoreboard: repairScoreboardSchema.nullable(),
  }),
]);
export type RepairProgress = z.infer<typeof repairProgressSchema>;

/** Where a report was written. */
export const repairReportFilesSchema = z.object({ json: z.string(), markdown: z.string() });
export type RepairReportFiles = z.infer<typeof repairReportFilesSchema>;
