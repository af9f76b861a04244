import type { ContainerInfo } from '../../../../../src/shared/model/index.ts';
import { runningContainer } from '../../../support/container-info.ts';

let counter = 0;

/** A ContainerInfo as the docker adapter would map it, with sensible running defaults. */
export function container(partial: Partial<ContainerInfo> & { name: string; env?: Record<string, string> }): ContainerInfo {
  counter++;
  const id = partial.id ?? `${counter.toString(16).padStart(4, '0')}${'ab'.repeat(30)}`;
  return runningContainer({ ...partial, id });
}

/** Labels docker compose puts on a service container. */
export function composeLabels(project: string, service: string, workingDir: string, configFiles: string[] = []): Record<string, string> {
  return {
    'com.docker.compose.project': project,
    'com.docker.compose.service': service,
    'com.docker.compose.project.working_dir': workingDir,
    'com.docker.compose.project.config_files': configFiles.join(','),
    'com.docker.compose.container-number': '1',
  };
}
