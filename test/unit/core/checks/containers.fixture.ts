import type { ContainerInfo } from '../../../../src/shared/model/index.ts';
import type { NetworkInfo } from '../../../../src/main/core/ports/index.ts';

/** A container with just the facts topology reasons on; `nets` maps network name → aliases there. */
export function container(name: string, nets: Record<string, string[]>, state: ContainerInfo['state'] = 'running'): ContainerInfo {
  return {
    id: `id-${name}`,
    name,
    image: 'busybox',
    state,
    status: state,
    exitCode: 0,
    restartCount: 0,
    health: 'none',
    labels: {},
    envTargets: [],
    networks: Object.entries(nets).map(([n, aliases], i) => ({ name: n, aliases, ipAddress: `172.18.0.${i + 2}` })),
    ports: [],
  };
}

export function network(name: string, hasDns = true): NetworkInfo {
  return { id: `net-${name}`, name, driver: name === 'host' ? 'host' : 'bridge', hasDns, labels: {} };
}

export const networks = [network('bridge', false), network('host', false), network('shop_backend'), network('dev_default')];
export const orchestrator = container('shop-orchestrator-service-1', { shop_backend: ['orchestrator-service', 'orch.internal'] });
