import { randomUUID } from 'node:crypto';
import { NetworkProbeAdapter } from '../adapters/network/network-probe.adapter.ts';
import { OrchestratorClient } from '../adapters/orchestrator/orchestrator-client.ts';
import { WorkspaceFilesAdapter } from '../adapters/workspace/workspace-files.adapter.ts';
import type { Logger } from '../core/ports/logger.port.ts';
import type { SettingsPort } from '../core/ports/settings.port.ts';
import type { ChatService } from './chat-service.ts';
import { createChatService } from './create-chat-service.ts';
import type { Doctor } from './doctor.ts';
import { systemClock } from '../adapters/clock/system-clock.ts';

export interface BuildChatServiceOptions {
  logger: Logger;
  settings: Pick<SettingsPort, 'get'>;
  /** The doctor whose last diagnosis lends the stack's docker names to target resolution. */
  doctor: Pick<Doctor, 'last'>;
  /** The workspace whose stack config applies, read on every call (settings may change it). */
  workspace: () => string;
  /** Read for `ORCHESTRATOR_SERVICE_URL`. Default process.env. */
  env?: Record<string, string | undefined>;
}

/** The chat service over the real network, disk and orchestrator client: one per app or serve process. */
export function buildChatService({ logger, settings, doctor, workspace, env = process.env }: BuildChatServiceOptions): ChatService {
  const net = new NetworkProbeAdapter();
  return createChatService({
    workspaceFiles: new WorkspaceFilesAdapter(),
    settings,
    env,
    logger,
    workspace,
    lastDiagnosis: () => doctor.last,
    newId: randomUUID,
    date: () => systemClock.date(),
    createClient: ({ setup, breaker, clientId }) => new OrchestratorClient({ net, logger, clock: systemClock, setup, breaker, clientId }),
  });
}
