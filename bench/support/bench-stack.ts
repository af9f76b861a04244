import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContainerInfo } from '../../src/shared/model/index.ts';
import { EngineError, type EngineReadPort, type ExecResult, type NetworkInfo } from '../../src/main/core/ports/index.ts';

/** Compose project name of the bench stack. */
export const BENCH_PROJECT = 'bench';

/** A service of the bench stack and the loopback port its container publishes. */
export interface BenchService {
  name: string;
  port: number;
}

/** A workspace on disk describing the bench stack: compose.yaml plus stack-doctor.yaml with every health URL. */
export interface BenchWorkspace {
  dir: string;
  remove(): Promise<void>;
}

const healthUrl = (port: number): string => `http://127.0.0.1:${port}/health`;

/**
 * Writes `compose.yaml` (the services, each publishing its port on 127.0.0.1) and `stack-doctor.yaml`
 * (each service's health URL; the orchestrator is the first service, addressed by IP so no DNS is involved)
 * into a fresh temp directory, so discovery reads and parses real files as `check` does.
 */
export async function writeBenchWorkspace(services: readonly BenchService[], orchestrator: BenchService): Promise<BenchWorkspace> {
  const dir = await mkdtemp(join(tmpdir(), 'stack-doctor-bench-'));
  const compose = [
    `name: ${BENCH_PROJECT}`,
    'services:',
    ...services.flatMap((s) => [`  ${s.name}:`, '    image: busybox', `    ports: ["127.0.0.1:${s.port}:8080"]`]),
    '',
  ].join('\n');
  const config = [
    'orchestrator:',
    `  url: http://127.0.0.1:${orchestrator.port}`,
    'services:',
    ...services.flatMap((s) => [`  ${s.name}:`, `    health: ${healthUrl(s.port)}`]),
    '',
  ].join('\n');
  await writeFile(join(dir, 'compose.yaml'), compose);
  await writeFile(join(dir, 'stack-doctor.yaml'), config);
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The running container compose would have created for `service` in `workspace`. */
export function benchContainer(service: BenchService, workspace: string, index: number): ContainerInfo {
  return {
    id: `bench${String(index).padStart(4, '0')}${'0'.repeat(56)}`,
    name: `${BENCH_PROJECT}-${service.name}-1`,
    image: 'busybox',
    state: 'running',
    status: 'Up 2 minutes',
    exitCode: 0,
    restartCount: 0,
    health: 'none',
    labels: {
      'com.docker.compose.project': BENCH_PROJECT,
      'com.docker.compose.service': service.name,
      'com.docker.compose.project.working_dir': workspace,
      'com.docker.compose.project.config_files': join(workspace, 'compose.yaml'),
      'com.docker.compose.container-number': '1',
    },
    envTargets: [],
    networks: [
      {
        name: `${BENCH_PROJECT}_default`,
        aliases: [service.name, `${BENCH_PROJECT}-${service.name}-1`],
        ipAddress: `172.29.0.${index + 2}`,
      },
    ],
    ports: [{ containerPort: 8080, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: service.port }],
  };
}

/**
 * An engine behind the port that answers from memory at once. The bench measures the diagnosis
 * pipeline's concurrency over real network probes; the engine listing is not what is under test.
 */
export class BenchEngine implements EngineReadPort {
  readonly endpoint = { endpoint: 'unix:///bench/docker.sock' };

  constructor(private readonly containers: ContainerInfo[]) {}

  async version(): Promise<{ version: string; apiVersion: string }> {
    return { version: '26.1.5', apiVersion: '1.45' };
  }

  async listContainers(): Promise<ContainerInfo[]> {
    return this.containers;
  }

  async listNetworks(): Promise<NetworkInfo[]> {
    return [
      { id: 'net-bench', name: `${BENCH_PROJECT}_default`, driver: 'bridge', hasDns: true, labels: {} },
      { id: 'net-bridge', name: 'bridge', driver: 'bridge', hasDns: false, labels: {} },
    ];
  }

  async inspectContainer(id: string): Promise<ContainerInfo> {
    const found = this.containers.find((c) => c.id === id);
    if (!found) throw new EngineError('NOT_FOUND', `inspect container ${id}: no such container`);
    return found;
  }

  /** Not reached: the bench services configure no URLs of other services, so no in-container lookups run. */
  async exec(): Promise<ExecResult> {
    return { exitCode: 127, stdout: '', stderr: 'exec not supported by the bench engine', timedOut: false };
  }
}
