/** A problem in a file Stack Doctor reads: `stack-doctor.yaml|json`, a compose file, `devcontainer.json`. */
export interface ConfigIssue {
  /** Path of the file, as discovery read it (absolute). */
  file: string;
  /** 1-based line; 1 when the problem concerns the whole document. */
  line: number;
  /** 1-based column. */
  column: number;
  /** Dotted path of the offending field, e.g. `services.api.health`; empty for syntax errors and the root. */
  field: string;
  message: string;
}

/** Dotted field path for a zod/JSON path: `['services', 'api', 'health']` → `services.api.health`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((segment) => String(segment)).join('.');
}

/** One line, as compilers print it: `file:line:column field: message`. */
export function formatConfigIssue(issue: ConfigIssue): string {
  const where = `${issue.file}:${issue.line}:${issue.column}`;
  return issue.field ? `${where} ${issue.field}: ${issue.message}` : `${where} ${issue.message}`;
}
