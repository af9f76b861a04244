import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, ipcMain, type BrowserWindow } from 'electron';
import { invokeContract, type AppInfo } from '../shared/contract/index.ts';
import { errorMessage } from '../shared/error-message.ts';
import { createAppContract } from './app/app-contract.ts';
import { openElectronApp } from './app/open-electron-app.ts';
import { createDispatcher } from './ipc/dispatch.ts';
import { registerIpcBridge } from './shell/electron-ipc.ts';
import { createMainWindow, revealWindow } from './shell/main-window.ts';
import { nativeDialogs, nativeNotifier } from './shell/native-dialogs.ts';
import { showSupervisionNotifications } from './shell/notifications.ts';
import { handleTrayAction } from './shell/tray-actions.ts';
import { createTrayController } from './shell/tray-controller.ts';
import type { TrayAction } from './shell/tray-menu.ts';
import { createStatusTray } from './shell/tray.ts';
import { appIconPath } from './shell/tray-icons.ts';
import { isTrustedRendererUrl, type RendererLocation } from './shell/trusted-sender.ts';

// The Electron face: get the app from app/, add the IPC transport, the tray and the window. No logic here.

const outDir = fileURLToPath(new URL('..', import.meta.url));
const resourcesDir = join(app.getAppPath(), 'resources');
// A sandboxed preload must be one CommonJS file (`index.cjs`); `index.mjs` is what an ESM preload build emits.
const preloadPath =
  ['index.cjs', 'index.js', 'index.mjs'].map((file) => join(outDir, 'preload', file)).find((file) => existsSync(file)) ??
  join(outDir, 'preload', 'index.cjs');
const renderer: RendererLocation = process.env.ELECTRON_RENDERER_URL
  ? { kind: 'dev-server', url: process.env.ELECTRON_RENDERER_URL }
  : { kind: 'file', path: join(outDir, 'renderer', 'index.html') };

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  const verbose = process.argv.includes('--verbose') || process.env.STACK_DOCTOR_VERBOSE === '1';
  const stackDoctor = openElectronApp({
    logsDir: app.getPath('logs'),
    configDir: process.env.STACK_DOCTOR_CONFIG_DIR ?? app.getPath('userData'),
    verbose,
  });
  const { logger } = stackDoctor;
  const services = await stackDoctor.services();
  const { diagnosis, supervisor, smoke, bundle, repair, serviceControl } = services;
  const appInfo: AppInfo = {
    version: app.getVersion(),
    // A getter, so a workspace chosen in settings applies to the next run without a restart.
    get workspace() {
      return stackDoctor.workspace();
    },
    host: 'electron',
  };
  const contract = createAppContract(stackDoctor, services, { appInfo });
  const dispatch = createDispatcher(contract.handlers, logger);
  const runDiagnosis = () => dispatch(invokeContract.runDiagnosis.channel, {});

  let quitting = false;
  let window: BrowserWindow | null = null;
  const openWindow = (): BrowserWindow => {
    if (!window || window.isDestroyed()) {
      window = createMainWindow({
        preloadPath,
        renderer,
        iconPath: appIconPath(resourcesDir),
        isQuitting: () => quitting,
        logger,
      });
    }
    revealWindow(window);
    return window;
  };

  /** The dashboard at `#hash`: a finding to highlight, or `repair` for the Repair view (a same-document hash change). */
  const openAt = (hash: string): void => {
    const target = openWindow();
    if (renderer.kind === 'file') void target.loadFile(renderer.path, { hash });
    else void target.loadURL(`${renderer.url.split('#')[0]}#${hash}`);
  };

  const controller = stackDoctor.add(
    createTrayController({
      repair,
      smoke,
      bundle,
      services: serviceControl,
      workspace: () => stackDoctor.workspace(),
      dialogs: nativeDialogs(() => (window && !window.isDestroyed() && window.isVisible() ? window : null)),
      notify: nativeNotifier(() => openWindow()),
      openDashboard: openAt,
      recheck: () => void runDiagnosis(),
      date: () => new Date(),
      logger,
    }),
  );
  const onTrayAction = (action: TrayAction): void =>
    handleTrayAction(action, {
      controller,
      supervisor: supervisor ?? null,
      checkNow: () => void runDiagnosis(),
      openDashboard: () => void openWindow(),
      openAt,
      quit: () => app.quit(),
    });
  const tray = stackDoctor.add(createStatusTray({ resourcesDir, platform: process.platform, onAction: onTrayAction }));
  const refreshTray = (): void =>
    tray.update({
      diagnosis: diagnosis.last,
      checking: diagnosis.checking,
      supervision: supervisor?.status() ?? null,
      work: controller.work,
    });

  // Disposed with the app, in reverse: the tray's subscriptions, event forwarding, the ipc handlers, the tray.
  stackDoctor.add(
    registerIpcBridge({
      ipcMain,
      dispatch,
      isTrustedSender: (url) => isTrustedRendererUrl(url, renderer),
      logger,
    }),
  );
  stackDoctor.add(
    contract.forwardEvents((channel, payload) => {
      if (window && !window.isDestroyed()) window.webContents.send(channel, payload);
    }),
  );
  stackDoctor.add(diagnosis.onCheckingChange(refreshTray));
  stackDoctor.add(diagnosis.onCompleted(refreshTray));
  stackDoctor.add(controller.onChange(refreshTray));
  if (supervisor) {
    // Heartbeats and notices do not change the menu; states, plans, pause and the engine line do.
    stackDoctor.add(supervisor.onEvent((event) => event.type !== 'heartbeat' && event.type !== 'notification' && refreshTray()));
    stackDoctor.add(showSupervisionNotifications({ events: supervisor.onEvent, clock: stackDoctor.clock, onClick: () => openWindow() }));
  }
  await stackDoctor.startPeriodicCheck();
  void stackDoctor.startSupervision().catch((error: unknown) => logger.warn({ err: errorMessage(error) }, 'supervision not started'));

  app.on('second-instance', () => openWindow());
  app.on('activate', () => openWindow());
  app.on('before-quit', () => {
    quitting = true;
  });
  // Closing the window hides it; the app lives in the tray until Quit.
  app.on('window-all-closed', () => undefined);

  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed) return;
    event.preventDefault();
    void stackDoctor
      .dispose()
      .catch(() => undefined)
      .finally(() => {
        disposed = true;
        app.quit();
      });
  });

  logger.info({ version: appInfo.version, logs: app.getPath('logs') }, 'stack doctor started');
  openWindow();
  void runDiagnosis();
}
