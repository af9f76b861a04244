import { z } from 'zod';

/** pino's numeric levels by name. */
export const LOG_LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;
export const logLevelSchema = z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);
export type LogLevel = z.infer<typeof logLevelSchema>;

/** One line of the structured log, as the Logs view shows it (already redacted). */
export const logEntrySchema = z.object({
  /** Position in the reader's sequence: larger is later; the view de-duplicates by it. */
  seq: z.number().int().nonnegative(),
  /** ISO time. */
  time: z.string(),
  level: logLevelSchema,
  msg: z.string(),
  /** The run it belongs to (a diagnosis, a chat exchange, a smoke run), when it has one. */
  correlationId: z.string().nullable(),
  /** The compose service or component it is about (`service`, else `component`), when it names one. */
  service: z.string().nullable(),
  /** Every other field of the line, redacted. */
  fields: z.record(z.string(), z.unknown()),
});
export type LogEntry = z.infer<typeof logEntrySchema>;

/** Which entries to show; every part is optional. */
export const logFilterSchema = z
  .object({
    /** Exact correlation id. */
    correlationId: z.string().min(1).max(200).optional(),
    /** Exact service or component name. */
    service: z.string().min(1).max(200).optional(),
    /** This level and above. */
    minLevel: logLevelSchema.optional(),
    /** Most entries answered, newest kept; default 200, at most 1000. */
    limit: z.number().int().min(1).max(1000).optional(),
  })
  .strict();
export type LogFilter = z.infer<typeof logFilterSchema>;

/** Whether an entry passes a filter: the same rule for the reader's query and the Logs view's live entries. */
export function matchesLogFilter(entry: LogEntry, filter: Omit<LogFilter, 'limit'>): boolean {
  if (filter.correlationId !== undefined && entry.correlationId !== filter.correlationId) return false;
  if (filter.service !== undefined && entry.service !== filter.service) return false;
  if (filter.minLevel !== undefined && LOG_LEVELS[entry.level] < LOG_LEVELS[filter.minLevel]) return false;
  return true;
}
