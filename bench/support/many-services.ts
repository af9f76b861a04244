import type { ContainerInfo } from '../../src/shared/model/index.ts';

/**
 * `n` running containers of one compose project `big`, labelled as compose labels them, each calling the next
 * by its alias over HTTP (`NEXT_URL=http://s<i+1>:8080/`) and publishing port 8080 on loopback: the shape
 * that made discovery quadratic (every service's called ports matched against every other's targets).
 */
export function manyServices(n: number, workspace: string): ContainerInfo[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${i.toString(16).padStart(8, '0')}${'0'.repeat(56)}`,
    name: `big-s${i}-1`,
    image: 'busybox',
    state: 'running',
    status: 'Up 2 minutes',
    exitCode: 0,
    restartCount: 0,
    health: 'none',
    labels: {
      'com.docker.compose.project': 'big',
      'com.docker.compose.service': `s${i}`,
      'com.docker.compose.project.working_dir': workspace,
      'com.docker.compose.project.config_files': `${workspace}/compose.yaml`,
      'com.docker.compose.container-number': '1',
    },
    envTargets: [{ url: `http://s${(i + 1) % n}:8080/`, host: `s${(i + 1) % n}`, port: 8080, source: 'env:NEXT_URL' }],
    networks: [{ name: 'big_default', aliases: [`s${i}`, `big-s${i}-1`], ipAddress: '172.29.0.2' }],
    ports: [{ containerPort: 8080, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 20_000 + (i % 40_000) }],
  }));
}
