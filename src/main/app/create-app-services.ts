import { randomUUID } from 'node:crypto';
import { DockerEngineAdapter } from '../adapters/docker/docker-engine.adapter.ts';
import { NetworkProbeAdapter } from '../adapters/network/network-probe.adapter.ts';
import { OrchestratorClient } from '../adapters/orchestrator/orchestrator-client.ts';
import { RuntimeSignalsAdapter } from '../adapters/runtime/runtime-signals.adapter.ts';
import { WorkspaceFilesAdapter } from '../adapters/workspace/workspace-files.adapter.ts';
import type { AppServices, ServiceContext } from './app.ts';
import { createChatService } from './create-chat-service.ts';
import { createDiagnosisService } from './create-diagnosis-service.ts';
import { createRepairAppServiceOver } from './create-repair-service.ts';

/**
 * The services over the real adapters: the one place that wires core to Docker, the network, the disk and the
 * orchestrator. One network adapter and one workspace reader serve both services.
 */
export function createAppServices(context: ServiceContext): AppServices {
  const { logger, settings, env, clock } = context;
  const net = context.network ?? new NetworkProbeAdapter();
  const workspaceFiles = new WorkspaceFilesAdapter();
  const engine = DockerEngineAdapter.fromEnvironment(env, context.homeDir);
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
  // One orchestrator client per app, configured by the same workspace the app diagnoses.
  const chat = createChatService({
    workspaceFiles,
    settings,
    env,
    logger,
    workspace: context.workspace,
    lastDiagnosis: () => diagnosis.last,
    newId: randomUUID,
    date: () => clock.date(),
    createClient: ({ setup, breaker, clientId }) => new OrchestratorClient({ net, logger, clock, setup, breaker, clientId }),
  });
  const repair = createRepairAppServiceOver({
    engine,
    diagnosis,
    chat,
    settings,
    clock,
    logger,
    env,
    dataDir: context.dataDir,
    ...(context.logDir ? { logDir: context.logDir } : {}),
  });
  return { engine, diagnosis, chat, repair };
}
