import type { Diagnosis } from '../../shared/model/index.ts';
import { diagnose } from '../core/diagnosis/diagnose.ts';
import type { DiagnoseDeps } from '../core/diagnosis/diagnose-deps.ts';
import type { DiagnoseOptions, ResolvedDiagnoseOptions } from '../core/diagnosis/diagnose-options.ts';
import type { SettingsPort } from '../core/ports/settings.port.ts';
import type { DiagnosisService, DiagnosisStarted } from './diagnosis-service.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { Emitter } from '../../shared/lifecycle/emitter.ts';

export interface DiagnosisServiceDeps extends DiagnoseDeps {
  settings: Pick<SettingsPort, 'get'>;
  /** Workspace when neither the call nor settings name one. */
  cwd: string;
  /** Read for `ORCHESTRATOR_SERVICE_URL`. */
  env: Record<string, string | undefined>;
}

type Run = { key: string; promise: Promise<Diagnosis> };

/**
 * The DiagnosisService over `diagnose`: fills options from settings (probe timeout, orchestrator URL, first
 * workspace) and env, keeps the last diagnosis, tells listeners, counts the calls in flight, and never runs
 * two diagnoses of one workspace at once — an identical request joins the run in flight, a different one
 * queues behind it.
 */
export function createDiagnosisService(deps: DiagnosisServiceDeps): DiagnosisService {
  const onListenerError = (error: unknown): void => deps.logger.error({ err: errorMessage(error) }, 'listener failed');
  const started = new Emitter<DiagnosisStarted>(onListenerError);
  const completed = new Emitter<Diagnosis>(onListenerError);
  const checkingChanged = new Emitter<boolean>(onListenerError);
  const runs = new Map<string, Run>();
  let last: Diagnosis | null = null;
  let inFlight = 0;
  let disposed = false;

  const resolve = (options: DiagnoseOptions): ResolvedDiagnoseOptions => {
    const settings = deps.settings.get();
    return {
      workspace: options.workspace ?? settings.workspaces[0] ?? deps.cwd,
      projects: options.projects ?? [],
      timeoutMs: options.timeoutMs ?? settings.probeTimeoutMs,
      timeoutExplicit: options.timeoutMs !== undefined,
      orchestratorUrl: options.orchestratorUrl ?? null,
      settingsOrchestratorUrl: settings.orchestratorUrl,
      env: deps.env,
    };
  };

  const runOnce = async (resolved: ResolvedDiagnoseOptions): Promise<Diagnosis> => {
    const correlationId = deps.newId();
    started.emit({ correlationId, workspace: resolved.workspace });
    const diagnosis = await diagnose(deps, { ...resolved, correlationId });
    last = diagnosis;
    completed.emit(diagnosis);
    return diagnosis;
  };

  const schedule = (options: DiagnoseOptions): Promise<Diagnosis> => {
    const resolved = resolve(options);
    const { env: _env, ...keyed } = resolved;
    const key = JSON.stringify(keyed);
    const current = runs.get(resolved.workspace);
    if (current?.key === key) return current.promise;
    const previous = current?.promise.catch(() => undefined) ?? Promise.resolve();
    const promise = previous.then(() => runOnce(resolved));
    const run = { key, promise };
    runs.set(resolved.workspace, run);
    const forget = (): void => {
      if (runs.get(resolved.workspace) === run) runs.delete(resolved.workspace);
    };
    promise.then(forget, forget);
    return promise;
  };

  /** Counts every call until it settles, failed ones included (a failed run sends no `completed`). */
  const count = (promise: Promise<Diagnosis>): Promise<Diagnosis> => {
    inFlight += 1;
    if (inFlight === 1) checkingChanged.emit(true);
    const settled = (): void => {
      inFlight -= 1;
      if (inFlight === 0) checkingChanged.emit(false);
    };
    promise.then(settled, settled);
    return promise;
  };

  return {
    get last() {
      return last;
    },
    get checking() {
      return inFlight > 0;
    },
    diagnose(options = {}) {
      if (disposed) return Promise.reject(new Error('The diagnosis service was disposed.'));
      // The very promise of the run, so a caller joining a run in flight gets the same one.
      return count(schedule(options));
    },
    onStarted: started.event,
    onCompleted: completed.event,
    onCheckingChange: checkingChanged.event,
    async dispose() {
      disposed = true;
      await Promise.allSettled([...runs.values()].map((r) => r.promise));
      started.dispose();
      completed.dispose();
      checkingChanged.dispose();
    },
  };
}
