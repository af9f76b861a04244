import { z } from 'zod';
import { smokeCheckResultSchema, smokeScoreboardSchema } from './smoke.ts';

/** A suite the Smoke view offers: declared in `smoke:` or the built-in `diagnosis` suite. */
export const smokeSuiteInfoSchema = z.object({
  name: z.string(),
  /** Declared checks; null for the built-in suite, whose checks come from the diagnosis. */
  checks: z.number().int().nonnegative().nullable(),
  builtIn: z.boolean(),
});

/** The suites of a workspace, or why its `smoke:` cannot be read (file, line and field in the message). */
export const smokeSuitesSchema = z.object({
  workspace: z.string(),
  /** `stack-doctor.yaml` (or .yml/.json) when one exists. */
  configFile: z.string().nullable(),
  suites: z.array(smokeSuiteInfoSchema),
  /** Set when the stack config is invalid: `invalid stack config: FILE:LINE:COL FIELD: message`. */
  configError: z.string().nullable(),
});
export type SmokeSuites = z.infer<typeof smokeSuitesSchema>;

/** One finished check of a run in flight: the `smokeProgress` event. */
export const smokeProgressSchema = z.object({
  runId: z.string(),
  result: smokeCheckResultSchema,
  /** Checks finished so far in this run, this one included. */
  done: z.number().int().nonnegative(),
  /** Checks in the run. */
  total: z.number().int().nonnegative(),
});
export type SmokeProgress = z.infer<typeof smokeProgressSchema>;

/** A finished run, as `runSmoke` answers and the history keeps it. */
export const smokeRunRecordSchema = z.object({
  runId: z.string(),
  workspace: z.string(),
  /** The suite asked for; null for every suite. */
  suite: z.string().nullable(),
  /** 0 every check passed, 1 otherwise (the CLI's exit code). */
  exitCode: z.union([z.literal(0), z.literal(1)]),
  scoreboard: smokeScoreboardSchema,
});
export type SmokeRunRecord = z.infer<typeof smokeRunRecordSchema>;
