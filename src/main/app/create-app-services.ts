import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DockerEngineAdapter } from '../adapters/docker/docker-engine.adapter.ts';
import { NetworkProbeAdapter } from '../adapters/network/network-probe.adapter.ts';
import { OrchestratorClient } from '../adapters/orchestrator/orchestrator-client.ts';
import { RuntimeSignalsAdapter } from '../adapters/runtime/runtime-signals.adapter.ts';
import { WorkspaceFilesAdapter } from '../adapters/workspace/workspace-files.adapter.ts';
import { EngineRecoveryActions } from '../adapters/recovery/engine-recovery-actions.adapter.ts';
import { EngineRecoveryHealth } from '../adapters/recovery/engine-recovery-health.adapter.ts';
import { JsonFileRecoveryStore } from '../adapters/recovery/json-file-recovery-store.adapter.ts';
import { SelfActionLedger } from '../adapters/recovery/self-action-ledger.ts';
import type { AppServices, ServiceContext } from './app.ts';
import { createChatService } from './create-chat-service.ts';
import { createDiagnosisService } from './create-diagnosis-service.ts';
import { createSupervisorService } from './create-supervisor-service.ts';
import { readStackConfig } from './supervision/read-stack-config.ts';

/**
 * The services over the real adapters: the one place that wires core to Docker, the network, the disk and the
 * orchestrator. One network adapter and one workspace reader serve both services.
 */
export function createAppServices(context: ServiceContext): AppServices {
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
  const ledger = new SelfActionLedger(() => clock.now());
  const supervisor = createSupervisorService({
    engine,
    net,
    clock,
    logger,
    newId: randomUUID,
    workspace: context.workspace,
    diagnose: (workspace) => diagnosis.diagnose({ workspace }),
    onDiagnosis: (listener) => diagnosis.onCompleted(listener),
    readConfig: (workspace) => readStackConfig(workspaceFiles, workspace),
    store: new JsonFileRecoveryStore(join(context.dataDir, 'recovery.json')),
    self: { isSelf: (id) => ledger.isSelf(id), consumeDie: (id) => ledger.consumeDie(id) },
    makeRecovery: (target) => ({
      actions: new EngineRecoveryActions(engine, ledger),
      health: new EngineRecoveryHealth(engine, net, clock, target),
    }),
  });
  return { engine, diagnosis, chat, supervisor };
}
