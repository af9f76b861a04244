import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { writeDiagnosticsBundle } from '../adapters/bundle/write-diagnostics-bundle.ts';
import { LogReader } from '../adapters/log/log-reader.ts';
import { OrchestratorClient } from '../adapters/orchestrator/orchestrator-client.ts';
import { httpRequestAdapter } from '../adapters/smoke/http-request.adapter.ts';
import { orchestratorSmokeChat } from '../adapters/smoke/orchestrator-chat.adapter.ts';
import { EngineRecoveryActions } from '../adapters/recovery/engine-recovery-actions.adapter.ts';
import { EngineRecoveryHealth } from '../adapters/recovery/engine-recovery-health.adapter.ts';
import { JsonFileRecoveryStore } from '../adapters/recovery/json-file-recovery-store.adapter.ts';
import { SelfActionLedger } from '../adapters/recovery/self-action-ledger.ts';
import type { AppServices, ServiceContext } from './app.ts';
import type { CoreServices } from './create-core-services.ts';
import { createBundleService } from './create-bundle-service.ts';
import { createChatService } from './create-chat-service.ts';
import { createSupervisorService } from './create-supervisor-service.ts';
import { readStackConfig } from './supervision/read-stack-config.ts';
import { createSmokeService } from './create-smoke-service.ts';
import type { LogsService } from './logs-service.ts';
import { createRepairAppServiceOver } from './create-repair-service.ts';
import { createStackServiceControl } from './stack-service-control.ts';

/**
 * The services over the real adapters: the one place that wires core to Docker, the network, the disk and the
 * orchestrator. Built on the core services (`create-core-services.ts`: engine, network, workspace files,
 * diagnosis), which `check` loads alone.
 */
export function createAppServices(context: ServiceContext, core: CoreServices): AppServices {
  const { logger, settings, env, clock } = context;
  const { engine, diagnosis, net, workspaceFiles } = core;
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
  const smoke = createSmokeService({
    ports: { http: httpRequestAdapter, net, exec: engine },
    // One client per run, no socket kept for reuse: a run proves the handshake and leaves nothing open.
    createChat: (setup) => {
      const client = new OrchestratorClient({ net, logger, clock, setup, clientId: randomUUID(), wsIdleMs: 0 });
      return { port: orchestratorSmokeChat((request, onEvent) => client.send(request, onEvent)), dispose: () => client.dispose() };
    },
    workspaceFiles,
    diagnosis,
    settings,
    env,
    workspace: context.workspace,
    clock,
    logger,
    newId: randomUUID,
  });
  const bundle = createBundleService({
    diagnosis,
    settings,
    logDir: context.logDir ?? `${context.dataDir}/logs`,
    dataDir: context.dataDir,
    workspace: context.workspace,
    clock,
    logger,
    appInfo: { name: 'stack-doctor', version: context.version },
    write: writeDiagnosticsBundle,
  });
  const logs: LogsService = context.logDir ? new LogReader({ dir: context.logDir, clock }) : noLogs;
  const repair = createRepairAppServiceOver({
    engine,
    diagnosis,
    chat,
    smoke,
    settings,
    clock,
    logger,
    env,
    dataDir: context.dataDir,
    ...(context.logDir ? { logDir: context.logDir } : {}),
  });
  const serviceControl = createStackServiceControl({ lastDiagnosis: () => diagnosis.last, engine });
  return { engine, diagnosis, chat, supervisor, smoke, bundle, logs, repair, serviceControl };
}

/** The logs of an app that writes none (tests): empty, and nothing to follow. */
const noLogs: LogsService = {
  query: () => Promise.resolve([]),
  onEntries: () => ({ dispose: () => undefined }),
  dispose: () => Promise.resolve(),
};
