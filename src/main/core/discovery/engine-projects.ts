import { relative } from 'node:path';
import type { ContainerInfo } from '../../../shared/model/index.ts';
import type { WorkspacePort } from '../ports/index.ts';
import type { ConfigIssue } from './config-issue.ts';
import { parseComposeFile } from './compose-file.ts';
import { mergeComposeModels } from './compose-model.ts';
import type { ComposeModel } from './compose-model.ts';
import { composeProjectOf, configFilesOf, isUnder } from './container-labels.ts';
import type { DeclaredProject, WorkspaceDeclarations } from './workspace-declarations.ts';

/**
 * The engine's project label is the truth about a project's name: a file without `name:` run with
 * `-p other` or `COMPOSE_PROJECT_NAME` gets another name than its folder. When a container of an
 * unknown project was started from one of a declared project's files, that project takes the label.
 */
export function adoptEngineProjectNames(
  decl: WorkspaceDeclarations,
  containers: readonly ContainerInfo[],
  roots: readonly string[],
): WorkspaceDeclarations {
  const names = new Set(decl.projects.map((project) => project.name));
  let devcontainerProject = decl.devcontainerProject;
  const projects = decl.projects.map((project): DeclaredProject => {
    if (!project.compose || project.compose.explicitName) return project;
    const files = new Set(project.compose.files.map((file) => comparable(file, roots)));
    const label = containers
      .filter((container) => configFilesOf(container).some((file) => files.has(comparable(file, roots))))
      .map(composeProjectOf)
      .find((name): name is string => name !== undefined && !names.has(name));
    if (!label) return project;
    names.add(label);
    if (devcontainerProject === project.name) devcontainerProject = label;
    return { ...project, name: label, compose: mergeComposeModels(label, [project.compose]) };
  });
  return { ...decl, projects, devcontainerProject };
}

/**
 * Projects seen only through container labels (started from a subfolder, or named with `--project`).
 * Their compose files are read when this machine can see them, so declared-but-missing services still
 * show; otherwise the containers alone describe the project.
 */
export async function loadLabelProjects(
  ws: WorkspacePort,
  tied: readonly ContainerInfo[],
  known: ReadonlySet<string>,
  issues: ConfigIssue[],
): Promise<DeclaredProject[]> {
  const filesByProject = new Map<string, Set<string>>();
  for (const container of tied) {
    const name = composeProjectOf(container);
    if (!name || known.has(name)) continue;
    const files = filesByProject.get(name) ?? new Set<string>();
    for (const file of configFilesOf(container)) files.add(file);
    filesByProject.set(name, files);
  }
  const projects: DeclaredProject[] = [];
  for (const [name, files] of filesByProject) {
    const models: ComposeModel[] = [];
    for (const file of files) {
      // Label paths may point outside the workspace, into folders this user cannot read (or, from a hostile
      // container, at a FIFO or /dev/zero, which the port refuses without reading): then labels suffice.
      const read = await ws.read(file);
      if (read.kind !== 'text') continue;
      const parsed = parseComposeFile(file, read.text, { defaultProjectName: name });
      if (parsed.ok) models.push(parsed.model);
      else issues.push(...parsed.issues);
    }
    projects.push({ name, kind: 'compose', files: [...files], compose: models.length > 0 ? mergeComposeModels(name, models) : null });
  }
  return projects;
}

/** A path relative to the workspace root containing it, so host and workspace spellings compare equal. */
function comparable(file: string, roots: readonly string[]): string {
  const root = roots.find((candidate) => isUnder(file, candidate));
  return root === undefined ? file : relative(root, file);
}
