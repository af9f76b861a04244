import { targetsFromEnv } from '../../../src/main/core/discovery/url-targets.ts';
import type { ContainerInfo } from '../../../src/shared/model/index.ts';

/**
 * A running ContainerInfo as the docker adapter maps it; tests override what they care about. `env` stands
 * for the container's environment and becomes its `envTargets` as the adapter derives them.
 */
export function runningContainer(over: Partial<ContainerInfo> & { name: string; id: string; env?: Record<string, string> }): ContainerInfo {
  const { env, ...rest } = over;
  return {
    image: 'busybox',
    state: 'running',
    status: 'Up 1 minute',
    exitCode: 0,
    restartCount: 0,
    health: 'none',
    labels: {},
    envTargets: env ? targetsFromEnv(env) : [],
    networks: [],
    ports: [],
    ...rest,
  };
}
