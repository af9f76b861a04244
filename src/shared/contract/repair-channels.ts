import { z } from 'zod';
import {
  repairPlanSchema,
  repairProgressSchema,
  repairReportFilesSchema,
  repairReportSchema,
  repairResultSchema,
  repairRunStatusSchema,
} from '../model/repair.ts';
import { verdictSchema } from '../model/diagnosis.ts';

/** How `executeRepair` ended: it ran (its report), another run is busy, or the plan is not (any more) known. */
export const repairExecutionSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ran'),
    report: repairReportSchema,
    files: repairReportFilesSchema.nullable(),
    reportError: z.string().optional(),
  }),
  z.object({ status: z.literal('busy'), message: z.string() }),
  z.object({ status: z.literal('unknown-plan'), message: z.string() }),
]);
export type RepairExecution = z.infer<typeof repairExecutionSchema>;

/** One line of the report list. */
export const repairReportSummarySchema = z.object({
  id: z.string(),
  startedAt: z.string(),
  status: repairRunStatusSchema,
  workspace: z.string(),
  result: repairResultSchema.nullable(),
  before: verdictSchema.nullable(),
  after: verdictSchema.nullable(),
  closed: z.number().int(),
  remaining: z.number().int(),
  files: repairReportFilesSchema,
});
export type RepairReportSummary = z.infer<typeof repairReportSummarySchema>;

export const repairExportSchema = z.object({ fileName: z.string(), mediaType: z.string(), content: z.string(), path: z.string() });
export type RepairExport = z.infer<typeof repairExportSchema>;

const empty = z.object({}).strict();

/** The repair channels (issue 11 §1, §3): preview → confirm → execute, with `repairProgress` events meanwhile. */
export const repairInvokeContract = {
  /** A dry run: diagnoses and plans; nothing is touched. The plan is remembered for `executeRepair`. */
  previewRepair: {
    channel: 'repair:preview',
    request: z.object({ workspace: z.string().min(1).optional() }).strict(),
    response: repairPlanSchema,
  },
  /** Executes a previewed plan; refused (and re-planned) when the stack changed since. Resolves when the run ends. */
  executeRepair: {
    channel: 'repair:execute',
    request: z.object({ planId: z.string().min(1), fingerprint: z.string().min(1) }).strict(),
    response: repairExecutionSchema,
  },
  /** Cancels the run in flight: steps not started are skipped. */
  cancelRepair: { channel: 'repair:cancel', request: empty, response: z.object({ cancelled: z.boolean() }) },
  getRepairReports: { channel: 'repair:reports', request: empty, response: z.array(repairReportSummarySchema) },
  /** One report's file content, for a download. */
  exportRepairReport: {
    channel: 'repair:export',
    request: z.object({ id: z.string().min(1), format: z.enum(['json', 'markdown']) }).strict(),
    response: repairExportSchema,
  },
} as const;

export const repairEventContract = {
  repairProgress: { channel: 'repair:progress', payload: repairProgressSchema },
} as const;
