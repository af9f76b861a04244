import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temp workspace that compose-labelled containers name as their working dir, so `watch` supervises exactly them. */
export interface ComposeWorkspace {
  /** The temp folder: `ws/` (the workspace) and the child's `config/`, `data/`, `logs/` beside it. */
  root: string;
  /** The workspace folder. */
  dir: string;
  project: string;
  /** The compose labels that make a container service `service` of this workspace's project. */
  labels(service: string): Record<string, string>;
  dispose(): Promise<void>;
}

/** Creates the workspace; `config` (optional) is written as its `stack-doctor.yaml`. */
export async function composeWorkspace(prefix: string, project: string, config?: string): Promise<ComposeWorkspace> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  const dir = join(root, 'ws');
  await mkdir(dir);
  if (config !== undefined) await writeFile(join(dir, 'stack-doctor.yaml'), config);
  return {
    root,
    dir,
    project,
    labels: (service) => ({
      'com.docker.compose.project': project,
      'com.docker.compose.service': service,
      'com.docker.compose.project.working_dir': dir,
      'com.docker.compose.project.config_files': join(dir, 'compose.yaml'),
      'com.docker.compose.container-number': '1',
    }),
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}
