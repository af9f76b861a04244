import type { ContainerInfo } from '../../../src/shared/model/index.ts';

/** A running ContainerInfo as the docker adapter maps it; tests override what they care about. */
export function runningContainer(over: Partial<ContainerInfo> & { name: string; id: string }): ContainerInfo {
  return {
    image: 'busybox',
    state: 'running',
    status: 'Up 1 minute',
    exitCode: 0,
    restartCount: 0,
    health: 'none',
    labels: {},
    env: {},
    networks: [],
    ports: [],
    ...over,
  };
}
