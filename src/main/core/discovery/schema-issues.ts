import type { z } from 'zod';
import { fieldPath } from './config-issue.ts';
import type { ConfigIssue } from './config-issue.ts';
import type { SourceDocument } from './source-document.ts';

/**
 * Maps zod issues to file/line/field issues. An unknown key is reported once per key, at the key's
 * own line, so a typo points at itself rather than at its parent object.
 */
export function schemaIssues(doc: SourceDocument, error: z.ZodError): ConfigIssue[] {
  const issues = error.issues.flatMap((issue): ConfigIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const path = [...issue.path, key];
        return { file: doc.file, ...doc.locate(path), field: fieldPath(path), message: `Unknown field "${key}"` };
      });
    }
    return [{ file: doc.file, ...doc.locate(issue.path), field: fieldPath(issue.path), message: issue.message }];
  });
  // Zod reports in schema order; a reader fixes a file top to bottom.
  return issues.sort((a, b) => a.line - b.line || a.column - b.column);
}
