import { join } from 'node:path';
import type { ContainerInfo, Stack, StackConfig, StackProject, StackService } from '../../../shared/model/index.ts';
import { DiagnoseInputError } from '../errors.ts';
import type { WorkspacePort } from '../ports/index.ts';
import type { ConfigIssue } from './config-issue.ts';
import { unreadableIssue } from './config-file-read.ts';
import { projectNetworkNames, type ComposeHealthcheck } from './compose-model.ts';
import { composeProjectOf, isDevcontainerContainer, LABEL_WORKING_DIR, workspaceTie } from './container-labels.ts';
import { adoptEngineProjectNames, loadLabelProjects } from './engine-projects.ts';
import { deriveHealthUrl, healthcheckHttp } from './health-url.ts';
import { buildServiceDrafts } from './service-drafts.ts';
import type { ServiceDraft } from './service-drafts.ts';
import { parseStackConfig, STACK_CONFIG_FILES } from './stack-config.ts';
import { IMAGE_DEVCONTAINER_PROJECT, loadWorkspaceDeclarations } from './workspace-declarations.ts';
import type { DeclaredProject } from './workspace-declarations.ts';
import { compareNames } from '../../../shared/compare-names.ts';

export interface DiscoverStackInput {
  /** Absolute workspace path. */
  workspace: string;
  /** Compose project names to include whatever their labels say (`--project`). */
  extraProjects: string[];
  /** Every container of the engine; null when the engine could not be listed (files alone then). */
  containers: ContainerInfo[] | null;
  /** Names to count as docker aliases besides those the stack defines (e.g. the configured orchestrator host). */
  orchestratorAliases?: string[];
}

/** A compose project the engine runs that is not tied to the workspace: a hint for `check`. */
export interface OtherProject {
  name: string;
  workingDir?: string;
  containers: number;
}

export interface DiscoveryResult {
  stack: Stack;
  /** The validated stack config; `{}` when absent or invalid (see `issues`). */
  config: StackConfig;
  configFile: string | null;
  /** Problems in stack-doctor.yaml|json, compose files and devcontainer.json. */
  issues: ConfigIssue[];
  /** Filled only when nothing tied to the workspace was found. */
  otherProjects: OtherProject[];
}

/**
 * Builds the stack from the workspace's files and the engine's containers. Rejects only with
 * DiagnoseInputError when the workspace is not a directory; file problems come back as `issues`.
 */
export async function discoverStack(ws: WorkspacePort, input: DiscoverStackInput): Promise<DiscoveryResult> {
  const { workspace } = input;
  if (!(await ws.isDirectory(workspace))) throw new DiagnoseInputError(`Workspace is not a directory: ${workspace}`);
  const roots = [...new Set([workspace, await ws.resolve(workspace)])];
  const containers = input.containers ?? [];

  const { config, configFile, issues } = await loadStackConfig(ws, workspace);
  const declarations = adoptEngineProjectNames(await loadWorkspaceDeclarations(ws, workspace), containers, roots);
  issues.push(...declarations.issues);

  const declaredNames = new Set(declarations.projects.map((project) => project.name));
  const wanted = new Set([...declaredNames, ...input.extraProjects, ...(config.projects ?? [])]);
  const tied = containers.filter((container) => workspaceTie(container, roots, wanted) !== null);
  const projects = [...declarations.projects, ...(await loadLabelProjects(ws, tied, declaredNames, issues))];
  // A devcontainer found only by its devcontainer.local_folder label (its devcontainer.json lives elsewhere)
  // is still a consumer of the stack: without a project of its own its targets would miss the truth matrix.
  const labelOnlyDev = tied.some((container) => isDevcontainerContainer(container) && !composeProjectOf(container));
  if (labelOnlyDev && !projects.some((project) => project.name === IMAGE_DEVCONTAINER_PROJECT)) {
    projects.push({ name: IMAGE_DEVCONTAINER_PROJECT, kind: 'devcontainer', files: [], compose: null });
  }

  const drafts = buildServiceDrafts({
    projects,
    devcontainer: declarations.devcontainer,
    devcontainerProject: declarations.devcontainerProject,
    containers: tied,
  });
  const services = toServices(drafts, config, healthchecksOf(projects));
  const aliases = unique([
    ...drafts.flatMap((draft) => draft.names),
    ...(input.orchestratorAliases ?? []),
    ...(config.orchestrator?.aliases ?? []),
  ]);

  const tiedByProject = groupBy(tied, (container) => composeProjectOf(container) ?? '');
  const stack: Stack = {
    workspace,
    projects: projects.map((project) => toStackProject(project, tied, tiedByProject, declarations.devcontainer?.networks ?? [])),
    services,
    aliases,
  };
  const nothingFound = projects.length === 0 && tied.length === 0;
  return { stack, config, configFile, issues, otherProjects: nothingFound ? listOtherProjects(containers) : [] };
}

async function loadStackConfig(
  ws: WorkspacePort,
  workspace: string,
): Promise<{ config: StackConfig; configFile: string | null; issues: ConfigIssue[] }> {
  for (const name of STACK_CONFIG_FILES) {
    const file = join(workspace, name);
    const read = await ws.read(file);
    if (read.kind === 'missing') continue;
    if (read.kind === 'unreadable') return { config: {}, configFile: file, issues: [unreadableIssue(file, read)] };
    const parsed = parseStackConfig(file, read.text);
    return parsed.ok ? { config: parsed.config, configFile: file, issues: [] } : { config: {}, configFile: file, issues: parsed.issues };
  }
  return { config: {}, configFile: null, issues: [] };
}

function toServices(
  drafts: readonly ServiceDraft[],
  config: StackConfig,
  healthchecks: ReadonlyMap<string, ComposeHealthcheck>,
): StackService[] {
  return drafts
    .filter((draft) => config.services?.[draft.name]?.ignore !== true)
    .map((draft): StackService => {
      const serviceConfig = config.services?.[draft.name];
      const healthUrl = serviceConfig?.health ?? deriveHealthUrl({ ports: draft.ports, healthPath: serviceConfig?.healthPath });
      const healthcheck = healthcheckHttp(healthchecks.get(serviceKey(draft.project, draft.name)));
      const service: StackService = {
        name: draft.name,
        project: draft.project,
        role: draft.role,
        declared: draft.declared,
        container: draft.container,
        dependsOn: draft.dependsOn,
        targets: draft.targets,
      };
      if (healthUrl) service.healthUrl = healthUrl;
      if (healthcheck) service.healthcheckHttp = healthcheck;
      if (serviceConfig?.ws) service.wsUrl = serviceConfig.ws;
      return service;
    });
}

/** The compose `healthcheck` of every declared service, by project and service name. */
function healthchecksOf(projects: readonly DeclaredProject[]): Map<string, ComposeHealthcheck> {
  const healthchecks = new Map<string, ComposeHealthcheck>();
  for (const project of projects)
    for (const service of project.compose?.services ?? [])
      if (service.healthcheck) healthchecks.set(serviceKey(project.name, service.name), service.healthcheck);
  return healthchecks;
}

function serviceKey(project: string, service: string): string {
  return `${project}\u0000${service}`;
}

function toStackProject(
  project: DeclaredProject,
  tied: readonly ContainerInfo[],
  tiedByProject: ReadonlyMap<string, readonly ContainerInfo[]>,
  devcontainerNetworks: string[],
): StackProject {
  let networks: string[];
  if (project.compose) networks = projectNetworkNames(project.compose);
  else if (project.kind === 'devcontainer' && project.files.length > 0) networks = devcontainerNetworks;
  else {
    // Only labels describe it: the user-defined networks its containers are on.
    const onProject =
      project.kind === 'devcontainer'
        ? tied.filter((container) => isDevcontainerContainer(container) && !composeProjectOf(container))
        : (tiedByProject.get(project.name) ?? []);
    networks = unique(onProject.flatMap((c) => c.networks.map((n) => n.name)).filter((n) => !['bridge', 'host', 'none'].includes(n)));
  }
  return { name: project.name, kind: project.kind, files: project.files, networks };
}

function listOtherProjects(containers: readonly ContainerInfo[]): OtherProject[] {
  const byName = new Map<string, OtherProject>();
  for (const container of containers) {
    const name = composeProjectOf(container);
    if (!name) continue;
    const entry = byName.get(name) ?? { name, containers: 0 };
    entry.containers++;
    const workingDir = container.labels[LABEL_WORKING_DIR];
    if (workingDir && !entry.workingDir) entry.workingDir = workingDir;
    byName.set(name, entry);
  }
  return [...byName.values()].sort((a, b) => compareNames(a.name, b.name));
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.filter((value) => value !== ''))];
}
