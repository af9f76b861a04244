import { basename, join } from 'node:path';
import type { WorkspacePort } from '../ports/index.ts';
import type { ConfigIssue } from './config-issue.ts';
import { configText } from './config-file-read.ts';
import { parseComposeFile } from './compose-file.ts';
import { mergeComposeModels } from './compose-model.ts';
import type { ComposeModel } from './compose-model.ts';
import { parseDevcontainer } from './devcontainer.ts';
import type { DevcontainerModel } from './devcontainer.ts';
import { defaultProjectName, devcontainerProjectName } from './project-name.ts';
import { compareNames } from '../../../shared/compare-names.ts';

/** A project the workspace's files declare. */
export interface DeclaredProject {
  name: string;
  kind: 'compose' | 'devcontainer';
  files: string[];
  /** Merged compose model; null for an image/Dockerfile devcontainer. */
  compose: ComposeModel | null;
}

export interface WorkspaceDeclarations {
  projects: DeclaredProject[];
  devcontainer: DevcontainerModel | null;
  /** Project of the devcontainer's compose service, when compose based. */
  devcontainerProject: string | null;
  issues: ConfigIssue[];
}

const COMPOSE_FILE = /^(docker-)?compose.*\.ya?ml$/i;
/** The files compose loads by default: the base file and its override. */
const STANDARD_FILE = /^(docker-)?compose(\.override)?\.ya?ml$/i;
const DEVCONTAINER_FILES = [join('.devcontainer', 'devcontainer.json'), '.devcontainer.json'];
/** Project name of an image/Dockerfile devcontainer (no compose project exists for it). */
export const IMAGE_DEVCONTAINER_PROJECT = 'devcontainer';

/** Compose files at the workspace root: base files (`compose.yaml`…) before overrides, as compose merges them. */
export function rootComposeFiles(names: readonly string[]): string[] {
  const isBase = (name: string): boolean => /^(docker-)?compose\.ya?ml$/i.test(name);
  return names.filter((name) => COMPOSE_FILE.test(name)).sort((a, b) => Number(isBase(b)) - Number(isBase(a)) || compareNames(a, b));
}

/** Reads the compose files at the root and the devcontainer (with the compose files it names). */
export async function loadWorkspaceDeclarations(ws: WorkspacePort, workspace: string): Promise<WorkspaceDeclarations> {
  const issues: ConfigIssue[] = [];
  const groups = new Map<string, { kind: DeclaredProject['kind']; models: ComposeModel[]; extraFiles: string[] }>();
  const group = (name: string, kind: DeclaredProject['kind']) => {
    let entry = groups.get(name);
    if (!entry) groups.set(name, (entry = { kind, models: [], extraFiles: [] }));
    return entry;
  };

  const rootModels: ComposeModel[] = [];
  for (const name of rootComposeFiles(await ws.list(workspace))) {
    const model = await readCompose(ws, join(workspace, name), defaultProjectName(join(workspace, name)), issues);
    if (model) rootModels.push(model);
  }
  // Compose loads the base file with its override as one project named by the last `name:` among them;
  // other root files without `name:` are run with the same default name, so they join it too.
  const standard = rootModels.filter((model) => STANDARD_FILE.test(basename(model.files[0] ?? '')));
  const rootName = standard.filter((model) => model.explicitName).at(-1)?.projectName ?? defaultProjectName(join(workspace, 'x'));
  for (const model of rootModels) {
    const name = model.explicitName && !standard.includes(model) ? model.projectName : rootName;
    group(name, 'compose').models.push(model);
  }

  let devcontainer: DevcontainerModel | null = null;
  let devcontainerProject: string | null = null;
  for (const relativePath of DEVCONTAINER_FILES) {
    const file = join(workspace, relativePath);
    const read = await ws.read(file);
    if (read.kind === 'missing') continue;
    const text = configText(file, read, issues);
    if (text === null) break;
    const parsed = parseDevcontainer(file, text);
    if (!parsed.ok) {
      issues.push(...parsed.issues);
      break;
    }
    devcontainer = parsed.model;
    break;
  }

  if (devcontainer && devcontainer.composeFiles.length > 0) {
    const fallback = devcontainerProjectName(devcontainer.composeFiles[0] as string);
    const models: ComposeModel[] = [];
    for (const file of devcontainer.composeFiles) {
      const model = await readCompose(ws, file, fallback, issues);
      if (model) models.push(model);
    }
    // `-f a -f b` is one project: the last explicit `name:` wins, else the Dev Containers default.
    devcontainerProject = models.filter((model) => model.explicitName).at(-1)?.projectName ?? fallback;
    const entry = group(devcontainerProject, 'devcontainer');
    for (const model of models) {
      if (!entry.models.some((known) => known.files[0] === model.files[0])) entry.models.push(model);
    }
    entry.extraFiles.push(devcontainer.file);
  }

  const projects: DeclaredProject[] = [...groups].map(([name, entry]) => {
    const compose = mergeComposeModels(name, entry.models);
    return { name, kind: entry.kind, files: [...compose.files, ...entry.extraFiles], compose };
  });
  if (devcontainer && devcontainer.composeFiles.length === 0) {
    projects.push({ name: IMAGE_DEVCONTAINER_PROJECT, kind: 'devcontainer', files: [devcontainer.file], compose: null });
  }
  return { projects, devcontainer, devcontainerProject, issues };
}

/** Reads and parses one compose file; a missing file is an issue only when something named it. */
export async function readCompose(
  ws: WorkspacePort,
  file: string,
  projectName: string,
  issues: ConfigIssue[],
): Promise<ComposeModel | null> {
  const read = await ws.read(file);
  if (read.kind === 'missing') {
    issues.push({ file, line: 1, column: 1, field: '', message: 'Compose file not found' });
    return null;
  }
  const text = configText(file, read, issues);
  if (text === null) return null;
  const parsed = parseComposeFile(file, text, { defaultProjectName: projectName });
  if (!parsed.ok) {
    issues.push(...parsed.issues);
    return null;
  }
  return parsed.model;
}
