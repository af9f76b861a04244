import { stackConfigSchema } from '../../../shared/model/index.ts';
import type { StackConfig } from '../../../shared/model/index.ts';
import type { ConfigIssue } from './config-issue.ts';
import { loadJsoncDocument } from './jsonc-document.ts';
import { schemaIssues } from './schema-issues.ts';
import { loadYamlDocument } from './yaml-document.ts';

export type StackConfigResult = { ok: true; config: StackConfig } | { ok: false; issues: ConfigIssue[] };

/** File names looked for at the workspace root, in order of preference. */
export const STACK_CONFIG_FILES = ['stack-doctor.yaml', 'stack-doctor.yml', 'stack-doctor.json'] as const;

/**
 * Parses and validates `stack-doctor.yaml` (YAML) or `stack-doctor.json` (JSON, comments allowed),
 * chosen by the file extension. An empty YAML file is an empty config. Never throws.
 */
export function parseStackConfig(file: string, text: string): StackConfigResult {
  const doc = file.toLowerCase().endsWith('.json') ? loadJsoncDocument(file, text) : loadYamlDocument(file, text);
  if (doc.syntaxIssues.length > 0) return { ok: false, issues: doc.syntaxIssues };
  const parsed = stackConfigSchema.safeParse(doc.value ?? {});
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, issues: schemaIssues(doc, parsed.error) };
}
