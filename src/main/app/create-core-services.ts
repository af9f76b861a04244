import { randomUUID } from 'node:crypto';
import { DockerEngineAdapter } from '../adapters/docker/docker-engine.adapter.ts';
import { NetworkProbeAdapter } from '../adapters/network/network-probe.adapter.ts';
import { RuntimeSignalsAdapter } from '../adapters/runtime/runtime-signals.adapter.ts';
import { WorkspaceFilesAdapter } from '../adapters/workspace/workspace-files.adapter.ts';
import type { NetworkProbePort } from '../core/ports/network-probe.port.ts';
import type { AppServices, ServiceContext } from './app.ts';
import { createDiagnosisService } from './create-diagnosis-service.ts';

/** What a diagnosis needs, and what every other service is built on: the engine client, network, workspace files. */
export interface CoreServices extends Pick<AppServices, 'engine' | 'diagnosis'> {
  net: NetworkProbePort;
  workspaceFiles: WorkspaceFilesAdapter;
}

/**
 * The engine client and the diagnosis over the real adapters. A module of its own so `check` loads only this much
 * (dockerode, the probes); the chat client, supervisor, smoke, bundle and repair load with `create-app-services.ts`.
 */
export function createCoreServices(context: ServiceContext): CoreServices {
  const { logger, settings, env, clock } = context;
  const net = context.network ?? new NetworkProbeAdapter();
  const workspaceFiles = new WorkspaceFilesAdapter();
  const engine = DockerEngineAdapter.fromEnvironment(env, context.homeDir, { clock });
  const diagnosis = createDiagnosisService({
    engine,
    net,
    workspace: workspaceFiles,
    runtime: new RuntimeSignalsAdapter(),
    clock,
    logger,
    newId: randomUUID,
    settings,
    cwd: context.cwd,
    env,
  });
  return { engine, diagnosis, net, workspaceFiles };
}
