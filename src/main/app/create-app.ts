import { homedir } from 'node:os';
import { dirname } from 'node:path';
import { DisposableStore } from '../../shared/lifecycle/disposable.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { systemClock } from '../adapters/clock/system-clock.ts';
import type { App, AppDeps, AppServices, ServiceContext } from './app.ts';
import type { CoreServices } from './create-core-services.ts';
import type { DiagnosisService } from './diagnosis-service.ts';
import { createPeriodicCheck } from './periodic-check.ts';

/**
 * THE composition root: builds the application from its dependencies (logger, settings store, environment,
 * clock, network) and owns its ordered shutdown. No service is constructed anywhere else.
 */
export function createApp(deps: AppDeps): App {
  const { logger, settings } = deps;
  const clock = deps.clock ?? systemClock;
  const store = new DisposableStore();
  for (const owned of deps.owns ?? []) store.add(owned);
  const workspace = (): string => {
    const current = settings.get();
    return deps.workspace ? deps.workspace(current) : (current.workspaces[0] ?? deps.cwd);
  };
  let core: Promise<CoreServices> | null = null;
  let services: Promise<AppServices> | null = null;
  let periodic = false;

  const context = (): ServiceContext => ({
    logger,
    settings,
    env: deps.env,
    cwd: deps.cwd,
    homeDir: deps.homeDir ?? homedir(),
    clock,
    workspace,
    logDir: deps.logDir ?? null,
    dataDir: deps.env.STACK_DOCTOR_DATA_DIR || dirname(settings.path),
    version: deps.version ?? 'unknown',
    ...(deps.network ? { network: deps.network } : {}),
  });
  const alive = <T>(built: T): T => {
    if (store.isDisposed) throw new Error('The app was disposed.');
    return built;
  };
  // Added in build order, so disposal (last added first) stops the users of a service before the service: the
  // engine client (which the diagnosis may still be using) goes last, then the diagnosis, then the chat service
  // (which reads the last diagnosis), the supervisor, the log reader, smoke runs, and first a repair in flight.
  const addCore = (built: Pick<AppServices, 'engine' | 'diagnosis'>): void => {
    store.add(built.engine);
    store.add(built.diagnosis);
  };
  const addRest = (built: AppServices): void => {
    store.add(built.chat);
    store.add(built.supervisor);
    store.add(built.logs);
    store.add(built.smoke);
    store.add(built.repair);
  };

  /** The real engine client and diagnosis alone (dockerode and the probes load now, the chat client does not). */
  const buildCore = async (): Promise<CoreServices> => {
    const { createCoreServices } = await import('./create-core-services.ts');
    const built = createCoreServices(context());
    addCore(built);
    return alive(built);
  };
  const build = async (): Promise<AppServices> => {
    if (deps.createServices) {
      const built = await deps.createServices(context());
      addCore(built);
      addRest(built);
      return alive(built);
    }
    const [{ createAppServices }, built] = await Promise.all([import('./create-app-services.ts'), (core ??= buildCore())]);
    const all = createAppServices(context(), built);
    addRest(all);
    return alive(all);
  };
  const diagnosisService = async (): Promise<DiagnosisService> => {
    if (store.isDisposed) throw new Error('The app was disposed.');
    if (deps.createServices) return (await app.services()).diagnosis;
    core ??= buildCore();
    return (await core).diagnosis;
  };

  const app: App = {
    logger,
    settings,
    clock,
    workspace,
    services() {
      if (store.isDisposed) return Promise.reject(new Error('The app was disposed.'));
      services ??= build();
      return services;
    },
    diagnosis: diagnosisService,
    async startPeriodicCheck() {
      const { diagnosis } = await app.services();
      if (periodic) return;
      periodic = true;
      const check = store.add(
        createPeriodicCheck({
          clock,
          intervalSec: () => settings.get().refreshIntervalSec,
          run: () => diagnosis.diagnose({ workspace: workspace() }),
          busy: () => diagnosis.checking,
          onError: (error) => logger.warn({ err: errorMessage(error) }, 'periodic check failed'),
        }),
      );
      store.add(settings.onChange(() => check.reset()));
      store.add(
        diagnosis.onCheckingChange((checking) => {
          if (!checking) check.reset();
        }),
      );
    },
    async startSupervision() {
      const { supervisor } = await app.services();
      await supervisor.start();
    },
    add: (item) => store.add(item),
    dispose: () => store.dispose(),
  };
  return app;
}
