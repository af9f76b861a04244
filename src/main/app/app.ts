import type { Settings } from '../../shared/model/index.ts';
import type { Disposable } from '../../shared/lifecycle/disposable.ts';
import type { Clock } from '../core/ports/clock.port.ts';
import type { EngineControlPort } from '../core/ports/engine-control.port.ts';
import type { EngineEventsPort } from '../core/ports/engine-events.port.ts';
import type { EngineReadPort } from '../core/ports/engine-read.port.ts';
import type { Logger } from '../core/ports/logger.port.ts';
import type { NetworkProbePort } from '../core/ports/network-probe.port.ts';
import type { SettingsPort } from '../core/ports/settings.port.ts';
import type { BundleService } from './bundle-service.ts';
import type { ChatService } from './chat-service.ts';
import type { DiagnosisService } from './diagnosis-service.ts';
import type { SupervisorService } from './supervisor-service.ts';
import type { LogsService } from './logs-service.ts';
import type { SmokeService } from './smoke-service.ts';
import type { RepairAppService } from './repair-app-service.ts';
import type { ServiceControl } from './stack-service-control.ts';

/** The settings store a face opens: the validated port plus where it lives (`stack-doctor settings path`). */
export type SettingsStore = SettingsPort & { readonly path: string };

/** The long-lived services of the application; every face reaches them through `App.services()`. */
export interface AppServices {
  /** The one Docker engine client: read, act and watch; disposing it aborts requests in flight and closes its sockets. */
  engine: EngineReadPort & EngineControlPort & EngineEventsPort & Disposable;
  diagnosis: DiagnosisService;
  chat: ChatService;
  /** Keeps the stack running; built idle, started only by long-running faces (`App.startSupervision`). */
  supervisor: SupervisorService;
  /** Smoke suites (declared in `smoke:` plus the built-in diagnosis suite) and their recent runs. */
  smoke: SmokeService;
  /** The diagnostics bundle. */
  bundle: BundleService;
  /** The structured log, read back for the Logs view. */
  logs: LogsService;
  /** One-click repair: preview, execute, reports (issue 11 §1). */
  repair: RepairAppService;
  /**
   * The tray's start/stop/restart of one service of the last diagnosed stack, straight on `engine` (a user's own
   * action: supervision leaves a stopped service stopped). Holds nothing: it lives as long as the engine client.
   */
  serviceControl: ServiceControl;
}

/** What the services are built from; handed to `AppDeps.createServices`. */
export interface ServiceContext {
  logger: Logger;
  settings: SettingsPort;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Home directory, for the docker CLI's context files. */
  homeDir: string;
  clock: Clock;
  /** The network adapter both services share; undefined: the real one. */
  network?: NetworkProbePort;
  /** The app's workspace (see `App.workspace`). */
  workspace: () => string;
  /** Folder of the log files (read by the Logs view and put into bundles); null when the app writes none. */
  logDir: string | null;
  /**
   * The app's data folder: `STACK_DOCTOR_DATA_DIR`, else the settings folder. It holds the recovery snapshot,
   * repair reports in `reports/` and bundles in `bundles/`.
   */
  dataDir: string;
  /** The app's version, for the bundle's manifest. */
  version: string;
}

export interface AppDeps {
  logger: Logger;
  settings: SettingsStore;
  /** DOCKER_HOST / docker context (the engine endpoint) and ORCHESTRATOR_SERVICE_URL are read from it. */
  env: Record<string, string | undefined>;
  /** Workspace when neither a call nor settings name one. */
  cwd: string;
  /** The workspace diagnosed and chatted about when a call names none. Default: the first configured, else `cwd`. */
  workspace?: (settings: Settings) => string;
  /** Default: the system clock. */
  clock?: Clock;
  /** Default: `os.homedir()`. */
  homeDir?: string;
  /** Default: the real network adapter (node:dns, node:net, http, ws). */
  network?: NetworkProbePort;
  /**
   * Builds the services. Default: over the real adapters (Docker engine, network, disk, orchestrator client),
   * imported on the first `services()` call so commands that never need them (`--help`, `settings`) stay fast.
   */
  createServices?: (context: ServiceContext) => Promise<AppServices>;
  /** Folder of the log files the logger writes. Default none: the Logs view is empty, bundles hold no logs. */
  logDir?: string;
  /** The app's version, for the bundle's manifest. Default `unknown`. */
  version?: string;
  /** Released after everything else, in reverse order: the log the services write to. */
  owns?: Disposable[];
}

/**
 * The whole application, built once per process by every face (the Electron shell, `serve`, each CLI command);
 * the faces add only their transport. Disposing it releases everything it built, last built first.
 */
export interface App extends Disposable {
  readonly logger: Logger;
  readonly settings: SettingsStore;
  /** The app's clock (`AppDeps.clock`, default the system clock): faces time their own notices on it. */
  readonly clock: Clock;
  /** The workspace diagnosed and chatted about when a call names none; re-read on every call. */
  workspace(): string;
  /** The diagnosis and chat services, built on the first call; later calls get the same ones. */
  services(): Promise<AppServices>;
  /**
   * The diagnosis service alone: builds the engine client and the diagnosis on the first call, not the chat client,
   * supervisor, smoke, bundle or repair services (`check` needs no more). `services()` later reuses the same ones.
   */
  diagnosis(): Promise<DiagnosisService>;
  /**
   * Starts the one periodic check (long-running faces only: Electron and serve; never a one-shot command): a
   * diagnosis of `workspace()` every `settings.refreshIntervalSec` after the last run ended, pushed as
   * `diagnosisCompleted` to whoever listens. Idempotent.
   */
  startPeriodicCheck(): Promise<void>;
  /**
   * Starts supervising `workspace()` (long-running faces only: Electron, serve, watch): watches the engine's events
   * and recovers the stack's services. Resolves once supervision runs (after waiting for an engine that is not up).
   * Idempotent; the app's dispose stops it and leaves containers as they are.
   */
  startSupervision(): Promise<void>;
  /** Ties `item` to the app's lifetime: it is disposed before everything the app built until now. */
  add<T extends Disposable>(item: T): T;
  dispose(): Promise<void>;
}
