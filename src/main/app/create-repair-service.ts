import { randomUUID } from 'node:crypto';
import { LogExcerptAdapter } from '../adapters/log/log-excerpt.adapter.ts';
import { ComposeCliAdapter } from '../adapters/repair/compose-cli.adapter.ts';
import { ReportReaderAdapter } from '../adapters/repair/report-reader.adapter.ts';
import { ReportWriterAdapter } from '../adapters/repair/report-writer.adapter.ts';
import type { Clock } from '../core/ports/clock.port.ts';
import type { EngineControlPort } from '../core/ports/engine-control.port.ts';
import type { EngineReadPort } from '../core/ports/engine-read.port.ts';
import type { Logger } from '../core/ports/logger.port.ts';
import type { BreakerResetPort } from '../core/ports/repair-breaker.port.ts';
import type { SmokeVerifier } from '../core/ports/repair-verify.port.ts';
import type { SettingsPort } from '../core/ports/settings.port.ts';
import { createRepairService } from '../core/repair/repair-service.ts';
import type { ChatService } from './chat-service.ts';
import type { DiagnosisService } from './diagnosis-service.ts';
import { createRepairAppService, type RepairAppService } from './repair-app-service.ts';
import type { SmokeService } from './smoke-service.ts';

export interface RepairServiceContext {
  engine: EngineReadPort & EngineControlPort;
  diagnosis: Pick<DiagnosisService, 'diagnose'>;
  chat: Pick<ChatService, 'breakerStates' | 'resetBreaker'>;
  /** The smoke suites as verification; absent: the fresh diagnosis alone verifies. */
  smoke?: Pick<SmokeService, 'suites' | 'run'>;
  settings: SettingsPort;
  clock: Clock;
  logger: Logger;
  /** The app's data folder; reports go to `<dataDir>/repairs/`. */
  dataDir: string;
  /** The folder of `stack-doctor.log`, for a report's log excerpt; without it the run's own lines are the excerpt. */
  logDir?: string;
  /** The compose CLI's environment (DOCKER_HOST, DOCKER_CONTEXT, interpolation variables). */
  env: Record<string, string | undefined>;
}

/** The chat service's breakers as a repair sees them. */
export function breakersOf(chat: Pick<ChatService, 'breakerStates' | 'resetBreaker'>): BreakerResetPort {
  const state = (target: string) => chat.breakerStates().find((b) => b.target === target)?.state ?? 'closed';
  return {
    openTargets: () => chat.breakerStates().flatMap((b) => (b.state === 'closed' ? [] : [b.target])),
    reset: (target) => chat.resetBreaker(target),
    state,
  };
}

/**
 * The smoke service as a repair's verification: the suites the workspace's `stack-doctor.yaml` declares (not the
 * built-in diagnosis suite: the repair has just diagnosed), null when it declares none or its config is invalid (the
 * plan already says so as a CONFIG_INVALID "needs you"). A run that cannot start rejects; the executor logs it.
 */
export function smokeVerifierOf(smoke: Pick<SmokeService, 'suites' | 'run'>): SmokeVerifier {
  return {
    async verify(workspace, options = {}) {
      const { suites } = await smoke.suites(workspace);
      if (!suites.some((suite) => !suite.builtIn)) return null;
      options.onStart?.();
      const run = await smoke.run({ workspace, declaredOnly: true, ...(options.signal ? { signal: options.signal } : {}) });
      if (!run.ok) throw new Error(run.error.message);
      return run.record.scoreboard;
    },
  };
}

/**
 * The repair service over the real adapters: the app's engine client, its diagnosis service as the Diagnoser (so a
 * repair's diagnoses are the app's, pushed as `diagnosisCompleted` too), the compose CLI, the settings (the pin
 * step), the chat client's breakers, the smoke suites as verification, and reports in the data folder.
 */
export function createRepairAppServiceOver(context: RepairServiceContext): RepairAppService {
  const { diagnosis } = context;
  const service = createRepairService({
    diagnoser: { diagnose: (workspace) => diagnosis.diagnose({ workspace }) },
    engine: context.engine,
    compose: new ComposeCliAdapter({ env: context.env }),
    settings: context.settings,
    reports: new ReportWriterAdapter({ dataDir: context.dataDir }),
    clock: context.clock,
    logger: context.logger.child({ component: 'repair' }),
    newId: randomUUID,
    breakers: breakersOf(context.chat),
    ...(context.smoke ? { smoke: smokeVerifierOf(context.smoke) } : {}),
    ...(context.logDir ? { log: new LogExcerptAdapter({ dir: context.logDir }) } : {}),
  });
  return createRepairAppService(service, new ReportReaderAdapter({ dataDir: context.dataDir }));
}
