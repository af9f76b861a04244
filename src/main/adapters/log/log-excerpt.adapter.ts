import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RepairLogPort } from '../../core/ports/repair-report.port.ts';

/** Options of {@link LogExcerptAdapter}. */
export interface LogExcerptOptions {
  /** The folder of `stack-doctor.log` (the app's log folder). */
  dir: string;
  /** Keep at most this many matching lines, the last ones. Default 200. */
  maxLines?: number;
}

/**
 * A repair report's log excerpt from the structured log file: the lines naming one of the run's correlation ids.
 * The log is already redacted when written. Rejects when the file holds none of them yet (the file stream is
 * buffered), so the report falls back to the run's own progress lines rather than an empty excerpt.
 */
export class LogExcerptAdapter implements RepairLogPort {
  constructor(private readonly options: LogExcerptOptions) {}

  async excerpt(correlationIds: string[]): Promise<string[]> {
    const text = await readFile(join(this.options.dir, 'stack-doctor.log'), 'utf8');
    const lines = text.split('\n').filter((line) => line && correlationIds.some((id) => line.includes(id)));
    if (lines.length === 0) throw new Error('no log line of this repair has reached the file yet');
    return lines.slice(-(this.options.maxLines ?? 200));
  }
}
