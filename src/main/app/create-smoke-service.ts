import { DIAGNOSIS_SUITE, type Settings, type SmokeProgress, type SmokeRunRecord, type SmokeSuites } from '../../shared/model/index.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { Emitter } from '../../shared/lifecycle/emitter.ts';
import { chatSetupFrom, loadChatSetup, type ChatSetupResult } from '../core/chat/chat-setup.ts';
import type { ChatSetup } from '../core/chat/chat-target.ts';
import type { Clock } from '../core/ports/clock.port.ts';
import type { Logger } from '../core/ports/logger.port.ts';
import type { SmokeChatPort } from '../core/ports/smoke-chat.port.ts';
import type { WorkspacePort } from '../core/ports/workspace.port.ts';
import { diagnosisSuite } from '../core/smoke/diagnosis-suite.ts';
import { planSuites, type SmokePorts } from '../core/smoke/plan-suites.ts';
import { runSmoke } from '../core/smoke/run-smoke.ts';
import { smokeExitCode } from '../core/smoke/scoreboard.ts';
import type { PlannedSuite } from '../core/smoke/smoke-check.ts';
import { aliasesFromDiagnosis } from './diagnosis-aliases.ts';
import type { DiagnosisService } from './diagnosis-service.ts';
import type { SmokeRunError, SmokeService, SmokeServiceRun } from './smoke-service.ts';

/** A chat port for one run, bound to that run's stack setup; released when the run ends. */
export interface RunChat {
  port: SmokeChatPort;
  dispose(): Promise<void>;
}

export interface SmokeServiceDeps {
  /** http and net; `exec` when an engine is there. `chat` is built per run by `createChat`. */
  ports: Omit<SmokePorts, 'chat'>;
  /** Builds the orchestrator client of one run from the workspace's setup; absent: chat checks are `error`. */
  createChat?: (setup: () => Promise<ChatSetup>) => RunChat;
  workspaceFiles: WorkspacePort;
  diagnosis: Pick<DiagnosisService, 'diagnose'>;
  settings: { get(): Settings };
  env: Record<string, string | undefined>;
  /** The app's workspace, used when a run names none. */
  workspace: () => string;
  clock: Clock;
  logger: Logger;
  newId: () => string;
  /** Finished runs kept in memory for `history()`. Default 20. */
  historySize?: number;
}

/** Runs kept when `historySize` is not set. */
export const DEFAULT_SMOKE_HISTORY = 20;

/**
 * The SmokeService: reads `smoke:` from the workspace's stack config on every call, runs the declared suites
 * and the built-in `diagnosis` suite (a fresh diagnosis of the same workspace, only when that suite is part
 * of the run), and keeps the last runs. Every run logs its start and end under its correlation id (the run id).
 */
export function createSmokeService(deps: SmokeServiceDeps): SmokeService {
  const log = deps.logger.child({ component: 'smoke' });
  const progress = new Emitter<SmokeProgress>((error) => log.error({ err: errorMessage(error) }, 'progress listener failed'));
  const completed = new Emitter<SmokeRunRecord>((error) => log.error({ err: errorMessage(error) }, 'listener failed'));
  const historySize = deps.historySize ?? DEFAULT_SMOKE_HISTORY;
  const history: SmokeRunRecord[] = [];
  const inFlight = new Set<{ controller: AbortController; done: Promise<unknown> }>();
  let disposed = false;

  const load = async (requested?: string): Promise<{ workspace: string; loaded: ChatSetupResult }> => {
    const raw = requested ?? deps.workspace();
    const workspace = await deps.workspaceFiles.resolve(raw).catch(() => raw);
    const loaded = await loadChatSetup(deps.workspaceFiles, { workspace, settings: deps.settings.get(), env: deps.env });
    return { workspace, loaded };
  };

  const failure = (code: SmokeRunError['code'], message: string): SmokeServiceRun => ({ ok: false, error: { code, message } });

  const execute = async (
    request: { workspace?: string; suite?: string; declaredOnly?: boolean },
    signal: AbortSignal,
  ): Promise<SmokeServiceRun> => {
    const { workspace, loaded } = await load(request.workspace);
    if (!loaded.ok) return failure(/is not a directory/.test(loaded.message) ? 'BAD_WORKSPACE' : 'CONFIG_INVALID', loaded.message);
    const smoke = loaded.config.smoke;
    const declaredNames = Object.keys(smoke?.suites ?? {});
    const wantsDiagnosis = request.declaredOnly !== true && (request.suite === undefined || request.suite === DIAGNOSIS_SUITE);
    const named = request.suite;
    if (named !== undefined && named !== DIAGNOSIS_SUITE && !declaredNames.includes(named)) {
      const known = [...declaredNames, DIAGNOSIS_SUITE].join(', ');
      return failure('UNKNOWN_SUITE', `no smoke suite named "${named}" (suites: ${known})`);
    }
    const runId = deps.newId();
    const runLog = log.child({ correlationId: runId });
    runLog.info({ workspace, suite: request.suite ?? null }, 'smoke run started');
    // The diagnosis first: its docker aliases tell the chat checks' target resolution what the stack defines.
    const diagnosis = wantsDiagnosis ? await deps.diagnosis.diagnose({ workspace }) : null;
    const stackAliases = diagnosis ? aliasesFromDiagnosis(diagnosis) : undefined;
    const setup = chatSetupFrom(
      loaded.config,
      { settings: deps.settings.get(), env: deps.env, ...(stackAliases ? { stackAliases } : {}) },
      loaded.configFile ?? undefined,
    );
    const chat = smoke ? deps.createChat?.(() => Promise.resolve(setup)) : undefined;
    try {
      const suites: PlannedSuite[] = smoke ? planSuites(smoke, { ...deps.ports, ...(chat ? { chat: chat.port } : {}) }) : [];
      if (diagnosis) suites.push(diagnosisSuite(diagnosis));
      const total = suites
        .filter((suite) => request.suite === undefined || suite.name === request.suite)
        .reduce((sum, suite) => sum + suite.checks.length, 0);
      let done = 0;
      const run = await runSmoke(suites, deps.clock, {
        ...(request.suite !== undefined ? { suite: request.suite } : {}),
        ...(smoke?.concurrency !== undefined ? { concurrency: smoke.concurrency } : {}),
        signal,
        onResult: (result) => progress.emit({ runId, result, done: ++done, total }),
      });
      if (!run.ok) return failure(run.error.code, run.error.message);
      const record: SmokeRunRecord = {
        runId,
        workspace,
        suite: request.suite ?? null,
        exitCode: smokeExitCode(run.scoreboard),
        scoreboard: run.scoreboard,
      };
      const { passed, failed, errors, skipped } = run.scoreboard;
      runLog.info({ passed, failed, errors, skipped, durationMs: run.scoreboard.durationMs }, 'smoke run finished');
      history.unshift(record);
      history.splice(historySize);
      completed.emit(record);
      return { ok: true, record };
    } finally {
      await chat?.dispose();
    }
  };

  return {
    async suites(requested) {
      const { workspace, loaded } = await load(requested);
      const builtIn = { name: DIAGNOSIS_SUITE, checks: null, builtIn: true };
      if (!loaded.ok) return { workspace, configFile: null, suites: [builtIn], configError: loaded.message };
      const declared = Object.entries(loaded.config.smoke?.suites ?? {}).map(([name, suite]) => ({
        name,
        checks: suite.checks.length,
        builtIn: false,
      }));
      return { workspace, configFile: loaded.configFile, suites: [...declared, builtIn], configError: null } satisfies SmokeSuites;
    },
    async run(request = {}) {
      if (disposed) throw new Error('the smoke service is disposed');
      const controller = new AbortController();
      const abort = (): void => controller.abort();
      request.signal?.addEventListener('abort', abort, { once: true });
      if (request.signal?.aborted) controller.abort();
      const done = execute(request, controller.signal);
      const entry = { controller, done };
      inFlight.add(entry);
      try {
        return await done;
      } finally {
        inFlight.delete(entry);
        request.signal?.removeEventListener('abort', abort);
      }
    },
    history: () => [...history],
    onProgress: progress.event,
    onCompleted: completed.event,
    async dispose() {
      if (disposed) return;
      disposed = true;
      const entries = [...inFlight];
      for (const entry of entries) entry.controller.abort();
      await Promise.allSettled(entries.map((entry) => entry.done));
      progress.dispose();
      completed.dispose();
    },
  };
}
