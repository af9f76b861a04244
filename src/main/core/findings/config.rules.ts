import { fixOf } from '../../../shared/command/fix-command.ts';
import { shellQuote } from '../../../shared/command/shell-quote.ts';
import { nameProblem, type Finding, type Stack } from '../../../shared/model/index.ts';

/** A problem in a config file, located (mirrors discovery/config-issue.ts). */
export interface ConfigIssueFact {
  file: string;
  line: number;
  column: number;
  field: string;
  message: string;
}

/** One CONFIG_INVALID per issue: subject `file:line`, summary naming the field. */
export function configFindings(issues: ConfigIssueFact[]): Finding[] {
  return issues.map((issue) => ({
    id: 'CONFIG_INVALID',
    severity: 'error',
    subject: `${issue.file}:${issue.line}`,
    summary: `Invalid ${issue.field || 'config'} in ${issue.file} at line ${issue.line}`,
    cause: issue.message,
    evidence: [],
    fix: {
      description: `Edit ${issue.file} line ${issue.line}, column ${issue.column}: fix \`${issue.field || '(root)'}\` (${issue.message}), then check again.`,
      action: { kind: 'edit-config', params: { file: issue.file, line: issue.line, column: issue.column, field: issue.field } },
    },
  }));
}

export interface NoStackFacts {
  stack: Stack;
  /** Compose projects the engine runs that are not tied to the workspace. */
  otherProjects: { name: string; workingDir?: string; containers: number }[];
  engineOk: boolean;
}

/** NO_STACK_FOUND when the workspace has no compose file, no devcontainer and no labelled container. */
export function noStackFindings({ stack, otherProjects, engineOk }: NoStackFacts): Finding[] {
  if (stack.projects.length > 0 || stack.services.length > 0) return [];
  const options = otherProjects.map((p) => {
    const containers = `${p.containers} container${p.containers === 1 ? '' : 's'}`;
    // A label can name a project anything: such a name is shown as text, never as an option to paste.
    const problem = nameProblem('project', p.name);
    if (problem) return `  (not offered, ${containers}) ${problem}`;
    return `  --project ${shellQuote(p.name)}  (${containers}${p.workingDir ? `, ${p.workingDir}` : ''})`;
  });
  const first = otherProjects.find((p) => nameProblem('project', p.name) === null);
  return [
    {
      id: 'NO_STACK_FOUND',
      severity: 'warning',
      subject: stack.workspace,
      summary: `Nothing in ${stack.workspace} matched a compose project or devcontainer`,
      cause: `No compose*.y*ml / docker-compose*.y*ml at the root, no .devcontainer/devcontainer.json, and no container labelled with this folder${engineOk ? '' : ' (the engine was not reachable, so containers were not listed)'}.`,
      evidence: [],
      fix: fixOf({
        description:
          otherProjects.length > 0
            ? `Pick a compose project the engine runs:\n${options.join('\n')}\nor run from the folder that holds the compose files (--workspace DIR).`
            : 'Run from the folder that holds the compose files (--workspace DIR), or name a project with --project NAME.',
        ...(first ? { look: { kind: 'check-project', params: { project: first.name } } } : {}),
      }),
    },
  ];
}
