import { fixActionSchema, type Fix, type FixAction, type LookAction, type RepairAction } from '../model/index.ts';
import { shellLine } from './shell-quote.ts';

/**
 * The argument vector of an action, or null when it has no shell command (a settings change, an edit, the
 * engine) or when it does not validate (a name that cannot be valid): such an action is never run from here.
 * The one place an action becomes a command, for the text users copy and for a repair that runs it.
 */
export function commandFor(action: FixAction): string[] | null {
  const parsed = fixActionSchema.safeParse(action);
  if (!parsed.success) return null;
  const a = parsed.data;
  switch (a.kind) {
    case 'show-logs':
      return ['docker', 'logs', '--tail', String(a.params.tail), a.params.container];
    case 'inspect-health':
      return ['docker', 'inspect', '--format', '{{json .State.Health}}', a.params.container];
    case 'resolve-host':
      return ['getent', 'hosts', a.params.host];
    case 'http-get':
      return ['curl', a.params.headers ? '-i' : '-s', a.params.url];
    case 'engine-version':
      return ['docker', 'version'];
    case 'check-project':
      return ['stack-doctor', 'check', '--project', a.params.project];
    case 'start-container':
      return ['docker', 'start', a.params.container];
    case 'restart-container':
      return ['docker', 'restart', a.params.container];
    case 'network-connect':
      return ['docker', 'network', 'connect', a.params.network, a.params.container];
    case 'create-service': {
      const { project, service, composeFiles = [], workingDir } = a.params;
      const directory = workingDir ? ['--project-directory', workingDir] : [];
      return ['docker', 'compose', '-p', project, ...directory, ...composeFiles.flatMap((f) => ['-f', f]), 'up', '-d', service];
    }
    case 'start-devcontainer':
      return ['devcontainer', 'up', '--workspace-folder', a.params.workspaceFolder];
    case 'pin-orchestrator-target':
    case 'start-engine':
    case 'edit-config':
    case 'publish-port':
      return null;
    default:
      return a satisfies never;
  }
}

/** {@link commandFor} as the line a user pastes, quoted by the one quoting function. */
export function commandLine(action: FixAction | undefined): string | undefined {
  const argv = action ? commandFor(action) : null;
  return argv ? shellLine(argv) : undefined;
}

/**
 * A command inside prose, in backquotes (`` `docker start shop-api-1` ``), from an argument vector or an
 * action; '' for an action without a command (rules only inline actions whose names they checked).
 */
export function inlineCommand(command: readonly string[] | FixAction): string {
  const argv = isArgv(command) ? command : commandFor(command);
  return argv ? `\`${shellLine(argv)}\`` : '';
}

function isArgv(command: readonly string[] | FixAction): command is readonly string[] {
  return Array.isArray(command);
}

export interface FixParts {
  description: string;
  lasting?: string;
  look?: LookAction;
  action?: RepairAction;
}

/** A finding's fix, its `command` derived from the look (when there is one) or else the action. */
export function fixOf({ description, lasting, look, action }: FixParts): Fix {
  const command = commandLine(look ?? action);
  return {
    description,
    ...(lasting !== undefined ? { lasting } : {}),
    ...(command !== undefined ? { command } : {}),
    ...(look ? { look } : {}),
    ...(action ? { action } : {}),
  };
}
