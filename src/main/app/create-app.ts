import { homedir } from 'node:os';
import { dirname } from 'node:path';
import { DisposableStore } from '../../shared/lifecycle/disposable.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { systemClock } from '../adapters/clock/system-clock.ts';
import type { App, AppDeps, AppServices, ServiceContext } from './app.ts';
import { createPeriodicCheck } from './periodic-check.ts';

/** The real services, loaded on first use: importing them loads dockerode, the probes and the chat client. */
async function createRealServices(context: ServiceContext): Promise<AppServices> {
  const { createAppServices } = await import('./create-app-services.ts');
  return createAppServices(context);
}

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
  let services: Promise<AppServices> | null = null;
  let periodic = false;

  const build = async (): Promise<AppServices> => {
    const context: ServiceContext = {
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
    };
    const built = await (deps.createServices ?? createRealServices)(context);
    // Added in build order, so the chat service (which reads the last diagnosis) goes before the diagnosis, and
    // the engine client (which the diagnosis may still be using) goes last.
    store.add(built.engine);
    store.add(built.diagnosis);
    store.add(built.chat);
    // The supervisor goes first: it uses the diagnosis and the engine until it stops.
    store.add(built.supervisor);
    // Smoke runs use the diagnosis and the engine: they end first. The log reader only watches a file.
    store.add(built.logs);
    store.add(built.smoke);
    // A repair in flight uses all three: it goes first.
    store.add(built.repair);
    if (store.isDisposed) throw new Error('The app was disposed.');
    return built;
  };

  const app: App = {
    logger,
    settings,
    workspace,
    services() {
      if (store.isDisposed) return Promise.reject(new Error('The app was disposed.'));
      services ??= build();
      return services;
    },
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
