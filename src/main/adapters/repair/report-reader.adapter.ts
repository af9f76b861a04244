import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repairReportSchema, type RepairReport } from '../../../shared/model/index.ts';

/** A report on disk: the parsed JSON and its two files. */
export interface StoredRepairReport {
  report: RepairReport;
  json: string;
  markdown: string;
}

/**
 * Reads back the reports {@link ReportWriterAdapter} wrote under `<dataDir>/repairs/`, newest first. A file that is
 * not a valid report (written by another version, damaged) is skipped, never fatal.
 */
export class ReportReaderAdapter {
  readonly folder: string;

  constructor(options: { dataDir: string }) {
    this.folder = join(options.dataDir, 'repairs');
  }

  /** At most `limit` reports, newest first (names sort by start time). Default 50. */
  async list(limit = 50): Promise<StoredRepairReport[]> {
    const names = await readdir(this.folder).catch(() => [] as string[]);
    const json = names
      .filter((name) => name.endsWith('.json'))
      .sort()
      .reverse()
      .slice(0, limit);
    const read = await Promise.all(json.map((name) => this.load(name)));
    return read.filter((entry): entry is StoredRepairReport => entry !== null);
  }

  /** A report file's text (JSON or Markdown). */
  read(path: string): Promise<string> {
    return readFile(path, 'utf8');
  }

  /** The report with `id`, or null. */
  async find(id: string): Promise<StoredRepairReport | null> {
    const names = await readdir(this.folder).catch(() => [] as string[]);
    const name = names.find((n) => n.endsWith(`-${id.replace(/[^A-Za-z0-9_-]/g, '_')}.json`));
    return name ? this.load(name) : null;
  }

  private async load(name: string): Promise<StoredRepairReport | null> {
    const path = join(this.folder, name);
    try {
      const parsed = repairReportSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
      return parsed.success ? { report: parsed.data, json: path, markdown: path.replace(/\.json$/, '.md') } : null;
    } catch {
      return null;
    }
  }
}
