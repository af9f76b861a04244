import type { Diagnosis } from '../../shared/model/index.ts';
import { diagnose } from '../core/diagnosis/diagnose.ts';
import type { DiagnoseDeps } from '../core/diagnosis/diagnose-deps.ts';
import type { DiagnoseOptions, ResolvedDiagnoseOptions } from '../core/diagnosis/diagnose-options.ts';
import type { SettingsPort } from '../core/ports/settings.port.ts';
import type { Doctor } from './doctor.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { Emitter } from '../../shared/lifecycle/emitter.ts';

export interface CreateDoctorDeps extends DiagnoseDeps {
  settings: SettingsPort;
  /** Workspace when neither the call nor settings name one. */
  cwd: string;
  /** Read for `ORCHESTRATOR_SERVICE_URL`. */
  env: Record<string, string | undefined>;
}

type Run = { key: string; promise: Promise<Diagnosis> };

/**
 * The Doctor façade over `diagnose`: fills options from settings (probe timeout, orchestrator URL, first
 * workspace) and env, keeps the last diagnosis, tells listeners, and never runs two diagnoses of one
 * workspace at once — an identical request joins the run in flight, a different one queues behind it.
 */
export function createDoctor(deps: CreateDoctorDeps): Doctor {
  const started = new Emitter<{ correlationId: string; workspace: string }>((error) =>
    deps.logger.error({ err: errorMessage(error) }, 'listener failed'),
  );
  const completed = new Emitter<Diagnosis>((error) => deps.logger.error({ err: errorMessage(error) }, 'listener failed'));
  const runs = new Map<string, Run>();
  let last: Diagnosis | null = null;
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

  return {
    get last() {
      return last;
    },
    diagnose(options = {}) {
      if (disposed) return Promise.reject(new Error('The doctor was disposed.'));
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
    },
    onStarted: (listener) => {
      const subscription = started.on(listener);
      return () => subscription.dispose();
    },
    onCompleted: (listener) => {
      const subscription = completed.on(listener);
      return () => subscription.dispose();
    },
    async dispose() {
      disposed = true;
      await Promise.allSettled([...runs.values()].map((r) => r.promise));
      started.dispose();
      completed.dispose();
    },
  };
}
