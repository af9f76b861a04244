import { z } from 'zod';
import { bundleResultSchema } from '../model/bundle.ts';
import { logEntrySchema, logFilterSchema } from '../model/log-entry.ts';
import { smokeProgressSchema, smokeRunRecordSchema, smokeSuitesSchema } from '../model/smoke-run.ts';

const empty = z.object({}).strict();

/** Smoke, logs and bundle calls (issue 11 §2, §3); spread into `invokeContract`. */
export const smokeInvokeContract = {
  /** The suites of the served workspace, or its config error. */
  getSmokeSuites: { channel: 'smoke:suites', request: empty, response: smokeSuitesSchema },
  /** Runs the suites (or one); resolves with the finished run while `smokeProgress` streams each check. */
  runSmoke: {
    channel: 'smoke:run',
    request: z.object({ suite: z.string().min(1).max(200).optional() }).strict(),
    response: smokeRunRecordSchema,
  },
  /** The last runs, newest first (kept in memory, at most 20). */
  getSmokeHistory: { channel: 'smoke:history', request: empty, response: z.array(smokeRunRecordSchema) },
  /** Entries of the structured log matching the filter, oldest first. */
  getLogs: { channel: 'logs:query', request: logFilterSchema, response: z.array(logEntrySchema) },
  /** Writes the diagnostics bundle into the app data folder's `bundles/`; in serve mode `downloadPath` fetches it. */
  createBundle: {
    channel: 'bundle:create',
    request: empty,
    response: bundleResultSchema.pick({ path: true, bytes: true }).extend({
      /** Serve mode: a same-origin path that downloads the archive (the page's token cookie authorises it). */
      downloadPath: z.string().nullable(),
    }),
  },
} as const;

/** Smoke and logs events; spread into `eventContract`. */
export const smokeEventContract = {
  smokeProgress: { channel: 'smoke:progress', payload: smokeProgressSchema },
  /** Entries appended to the log, in batches, unfiltered (the view filters). */
  logEntries: { channel: 'logs:entries', payload: z.array(logEntrySchema) },
} as const;
