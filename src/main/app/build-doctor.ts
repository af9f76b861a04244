import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import { DockerEngineAdapter } from '../adapters/docker/docker-engine.adapter.ts';
import { NetworkProbeAdapter } from '../adapters/network/network-probe.adapter.ts';
import { RuntimeSignalsAdapter } from '../adapters/runtime/runtime-signals.adapter.ts';
import { WorkspaceFilesAdapter } from '../adapters/workspace/workspace-files.adapter.ts';
import type { Logger } from '../core/ports/logger.port.ts';
import type { SettingsPort } from '../core/ports/settings.port.ts';
import { createDoctor } from './create-doctor.ts';
import type { Doctor } from './doctor.ts';
import { systemClock } from '../adapters/clock/system-clock.ts';

export interface BuildDoctorOptions {
  logger: Logger;
  settings: SettingsPort;
  /** Environment: DOCKER_HOST / docker context and ORCHESTRATOR_SERVICE_URL. Default process.env. */
  env?: Record<string, string | undefined>;
  /** Workspace when neither the call nor settings name one. Default process.cwd(). */
  cwd?: string;
}

/** The Doctor over the real adapters: the one place that wires core to Docker, the network and the disk. */
export function buildDoctor({ logger, settings, env = process.env, cwd = process.cwd() }: BuildDoctorOptions): Doctor {
  return createDoctor({
    engine: DockerEngineAdapter.fromEnvironment(env, homedir()),
    net: new NetworkProbeAdapter(),
    workspace: new WorkspaceFilesAdapter(),
    runtime: new RuntimeSignalsAdapter(),
    clock: systemClock,
    logger,
    newId: randomUUID,
    settings,
    cwd,
    env,
  });
}
