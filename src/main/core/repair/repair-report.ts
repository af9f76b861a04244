import { redactText } from '../../../shared/redact.ts';
import type { RepairReport } from '../../../shared/model/index.ts';

/**
 * The report with every string passed through the one redaction (shared/redact.ts): a compose CLI's output, a
 * HEALTHCHECK log, a log line or a URL in a step's detail may carry a password or a token, and a report is meant
 * to be attached to bug reports.
 */
export function redactReport(report: RepairReport): RepairReport {
  return redactDeep(report) as RepairReport;
}

function redactDeep(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map(redactDeep);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, redactDeep(inner)]));
  }
  return value;
}
