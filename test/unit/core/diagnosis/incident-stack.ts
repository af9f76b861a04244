import type { ContainerInfo } from '../../../../src/shared/model/index.ts';
import type { NetworkInfo } from '../../../../src/main/core/ports/index.ts';
import { container } from '../findings/builders.ts';

/** The typical incident: the devcontainer-like `dev` sits on `ws_front`, the orchestrator on `ws_backend`. */
export const COMPOSE = `services:
  orchestrator-service:
    image: busybox
    networks: [backend]
    ports: ["127.0.0.1:8006:8006"]
  dev:
    image: busybox
    networks: [front]
    environment:
      ORCHESTRATOR_SERVICE_URL: http://orchestrator-service:8006
networks:
  backend: {}
  front: {}
`;

const labels = (service: string): Record<string, string> => ({
  'com.docker.compose.project': 'ws',
  'com.docker.compose.service': service,
  'com.docker.compose.project.working_dir': '/ws',
  'com.docker.compose.project.config_files': '/ws/compose.yaml',
  'com.docker.compose.container-number': '1',
});

export function incidentContainers(): ContainerInfo[] {
  return [
    container({
      id: 'c-orch',
      name: 'ws-orchestrator-service-1',
      labels: labels('orchestrator-service'),
      networks: [{ name: 'ws_backend', aliases: ['orchestrator-service', 'ws-orchestrator-service-1'], ipAddress: '172.30.0.2' }],
      ports: [{ containerPort: 8006, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8006 }],
    }),
    container({
      id: 'c-dev',
      name: 'ws-dev-1',
      labels: labels('dev'),
      env: { ORCHESTRATOR_SERVICE_URL: 'http://orchestrator-service:8006' },
      networks: [{ name: 'ws_front', aliases: ['dev', 'ws-dev-1'], ipAddress: '172.31.0.2' }],
    }),
  ];
}

export const incidentNetworks: NetworkInfo[] = [
  { id: 'n1', name: 'ws_backend', driver: 'bridge', hasDns: true, labels: {} },
  { id: 'n2', name: 'ws_front', driver: 'bridge', hasDns: true, labels: {} },
  { id: 'n0', name: 'bridge', driver: 'bridge', hasDns: false, labels: {} },
];
