import type { FileRead } from '../ports/index.ts';
import type { ConfigIssue } from './config-issue.ts';

/** The issue for a file that exists but cannot be used: it names the file, so the finding does too. */
export function unreadableIssue(file: string, read: Extract<FileRead, { kind: 'unreadable' }>): ConfigIssue {
  return { file, line: 1, column: 1, field: '', message: `Cannot read this file: ${read.reason}` };
}

/** The text of a configuration file, or null: a missing file is skipped, an unreadable one becomes an issue. */
export function configText(file: string, read: FileRead, issues: ConfigIssue[]): string | null {
  if (read.kind === 'text') return read.text;
  if (read.kind === 'unreadable') issues.push(unreadableIssue(file, read));
  return null;
}
