import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { RepairReport, RepairReportFiles } from '../../../shared/model/index.ts';
import type { RepairReportPort } from '../../core/ports/repair-report.port.ts';

/** Options of {@link ReportWriterAdapter}. */
export interface ReportWriterOptions {
  /** The app's data folder; reports go to `<dataDir>/repairs/`. */
  dataDir: string;
}

/**
 * Writes each report as `<startedAt>-<id>.json` and `.md` under `<dataDir>/repairs/`, each atomically (a temp file
 * in the same folder, fsynced, then renamed over the name): a crash or a full disk leaves no half report. Files are
 * readable by the owner only: a report names the stack's containers, networks and URLs.
 */
export class ReportWriterAdapter implements RepairReportPort {
  readonly folder: string;

  constructor(options: ReportWriterOptions) {
    this.folder = join(options.dataDir, 'repairs');
  }

  async write(report: RepairReport, markdown: string): Promise<RepairReportFiles> {
    await mkdir(this.folder, { recursive: true, mode: 0o700 });
    // `2026-01-01T10-00-00.000Z-<id>`: sorts by time, safe on every file system.
    const base = `${report.startedAt.replace(/:/g, '-')}-${report.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    const json = join(this.folder, `${base}.json`);
    const md = join(this.folder, `${base}.md`);
    await writeFileAtomic(json, `${JSON.stringify(report, null, 2)}\n`, { mode: 0o600 });
    await writeFileAtomic(md, markdown, { mode: 0o600 });
    return { json, markdown: md };
  }
}
