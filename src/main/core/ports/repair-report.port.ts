import type { RepairReport, RepairReportFiles } from '../../../shared/model/index.ts';

/** Where repair reports go: JSON and Markdown, each written atomically, under the app's data folder. */
export interface RepairReportPort {
  /** `markdown` is the rendered report; the JSON is `report` itself. Resolves with the paths written. */
  write(report: RepairReport, markdown: string): Promise<RepairReportFiles>;
}

/** The structured log's lines for some correlation ids, for a report's excerpt (the lead wires the log). */
export interface RepairLogPort {
  excerpt(correlationIds: string[]): Promise<string[]>;
}
