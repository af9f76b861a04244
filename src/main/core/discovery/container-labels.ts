import { isAbsolute, relative } from 'node:path';
import type { ContainerInfo } from '../../../shared/model/index.ts';
import { compareNames } from '../../../shared/compare-names.ts';

export const LABEL_PROJECT = 'com.docker.compose.project';
export const LABEL_SERVICE = 'com.docker.compose.service';
export const LABEL_WORKING_DIR = 'com.docker.compose.project.working_dir';
export const LABEL_CONFIG_FILES = 'com.docker.compose.project.config_files';
export const LABEL_CONTAINER_NUMBER = 'com.docker.compose.container-number';
export const LABEL_DEVCONTAINER_FOLDER = 'devcontainer.local_folder';
/** Compose ≥ 2.20: `db:service_healthy:false,cache:service_started:true` (service:condition:restart per dependency). */
export const LABEL_DEPENDS_ON = 'com.docker.compose.depends_on';

export function composeProjectOf(container: ContainerInfo): string | undefined {
  return container.labels[LABEL_PROJECT] || undefined;
}

export function composeServiceOf(container: ContainerInfo): string | undefined {
  return container.labels[LABEL_SERVICE] || undefined;
}

/** The services the container's compose service depends on, from compose's label (none without it). */
export function dependsOnOf(container: ContainerInfo): string[] {
  const raw = container.labels[LABEL_DEPENDS_ON] ?? '';
  return [...new Set(raw.split(',').flatMap((entry) => entry.split(':')[0]?.trim() || []))];
}

export function configFilesOf(container: ContainerInfo): string[] {
  const raw = container.labels[LABEL_CONFIG_FILES];
  return raw
    ? raw
        .split(',')
        .map((file) => file.trim())
        .filter(Boolean)
    : [];
}

export function isDevcontainerContainer(container: ContainerInfo): boolean {
  return Boolean(container.labels[LABEL_DEVCONTAINER_FOLDER]);
}

/** Container name without the engine's leading `/`. */
export function containerName(container: ContainerInfo): string {
  return container.name.replace(/^\//, '');
}

/** `path` is `root` or inside it. */
export function isUnder(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Why a container belongs to the workspace, or null. `roots` are the workspace path and its real path. */
export function workspaceTie(container: ContainerInfo, roots: readonly string[], projects: ReadonlySet<string>): string | null {
  const workingDir = container.labels[LABEL_WORKING_DIR];
  if (workingDir && roots.some((root) => isUnder(workingDir, root))) return 'working_dir';
  if (configFilesOf(container).some((file) => roots.some((root) => isUnder(file, root)))) return 'config_files';
  const folder = container.labels[LABEL_DEVCONTAINER_FOLDER];
  if (folder && roots.some((root) => trimSlash(folder) === trimSlash(root))) return 'devcontainer.local_folder';
  const project = composeProjectOf(container);
  if (project && projects.has(project)) return 'project';
  return null;
}

/** The replica to show for a service: running first, then the lowest container number. */
export function preferredContainer(candidates: readonly ContainerInfo[]): ContainerInfo | null {
  const rank = (c: ContainerInfo): number => (c.state === 'running' ? 0 : c.state === 'restarting' ? 1 : 2);
  const number = (c: ContainerInfo): number => Number(c.labels[LABEL_CONTAINER_NUMBER] ?? 1) || 1;
  return [...candidates].sort((a, b) => rank(a) - rank(b) || number(a) - number(b) || compareNames(a.name, b.name))[0] ?? null;
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/[\\/]+$/, '') : path;
}
