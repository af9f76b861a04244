import { z } from 'zod';

/**
 * The diagnostics bundle: one tar.gz to attach to a bug report, holding the latest diagnosis, the repair
 * reports, the recent logs and the settings, every secret redacted, and a `manifest.json` that says what is
 * inside, what was left out and what was redacted.
 */

/** What an archive entry is. */
export const bundlePartSchema = z.enum(['manifest', 'diagnosis', 'settings', 'report', 'log']);
export type BundlePart = z.infer<typeof bundlePartSchema>;

/** One file inside the archive. */
export const bundleEntrySchema = z.object({
  /** Path inside the archive, below its top folder: `diagnosis.json`, `logs/stack-doctor.log`, `reports/…`. */
  path: z.string(),
  part: bundlePartSchema,
  /** Size inside the archive (after redaction, uncompressed), bytes. */
  bytes: z.number().int().nonnegative(),
  /** The file it came from, when it came from a file. */
  source: z.string().optional(),
  /** Size of that file when it was read, bytes. */
  sourceBytes: z.number().int().nonnegative().optional(),
  /** Only the end of the file was kept (a log over the byte budget); it starts at a line boundary. */
  truncated: z.boolean(),
  /** Values hidden in this entry (each `***` the redaction put in). */
  redactions: z.number().int().nonnegative(),
  /** Where in a JSON entry values were hidden (`$.settings.orchestratorUrl`); at most 200 listed. */
  redactedPaths: z.array(z.string()).optional(),
});
export type BundleEntry = z.infer<typeof bundleEntrySchema>;

/** A part or file that is not in the archive, and why: a missing folder, a symlink, a budget, an error. */
export const bundleOmissionSchema = z.object({
  part: bundlePartSchema,
  /** The folder or file concerned (or `-` for a part given as a value, like the diagnosis). */
  path: z.string(),
  reason: z.string(),
});
export type BundleOmission = z.infer<typeof bundleOmissionSchema>;

/** The bounds the bundle was built with (see the writer's options for their defaults). */
export const bundleLimitsSchema = z.object({
  maxLogFiles: z.number().int().positive(),
  maxLogBytes: z.number().int().positive(),
  maxReportFiles: z.number().int().positive(),
  maxReportBytes: z.number().int().positive(),
  maxJsonBytes: z.number().int().positive(),
});
export type BundleLimits = z.infer<typeof bundleLimitsSchema>;

/** `manifest.json`, the first entry of every bundle. */
export const bundleManifestSchema = z.object({
  format: z.literal('stack-doctor-bundle'),
  formatVersion: z.literal(1),
  /** ISO 8601, from the injected clock. */
  createdAt: z.string(),
  app: z.object({
    name: z.string(),
    version: z.string(),
    platform: z.string(),
    arch: z.string(),
    node: z.string(),
    electron: z.string().optional(),
  }),
  /** The folders the files came from, as given. */
  sources: z.object({ logDir: z.string(), reportsDir: z.string() }),
  entries: z.array(bundleEntrySchema),
  /** Parts that could not be included at all: a folder that does not exist, no diagnosis yet. */
  missing: z.array(bundleOmissionSchema),
  /** Files left out: symbolic links (never followed), non-regular files, over a limit, unreadable. */
  skipped: z.array(bundleOmissionSchema),
  redaction: z.object({
    /** The rules applied, in words. */
    rules: z.array(z.string()),
    /** Values hidden across all entries but the manifest. */
    total: z.number().int().nonnegative(),
  }),
  limits: bundleLimitsSchema,
});
export type BundleManifest = z.infer<typeof bundleManifestSchema>;

/** What writing a bundle produced: what `stack-doctor bundle --json` prints and the dashboard shows. */
export const bundleResultSchema = z.object({
  /** Absolute path of the archive. */
  path: z.string(),
  /** Size of the archive on disk (compressed), bytes. */
  bytes: z.number().int().nonnegative(),
  /** Every entry, the manifest first. */
  entries: z.array(bundleEntrySchema),
});
export type BundleResult = z.infer<typeof bundleResultSchema>;
