import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, ipcMain, type BrowserWindow } from 'electron';
import { invokeContract, type AppInfo } from '../shared/contract/index.ts';
import { createLogger } from './adapters/log/logger.ts';
import { createElectronSettings } from './adapters/settings/electron-settings.adapter.ts';
import { buildChatService } from './app/build-chat-service.ts';
import { buildDoctor } from './app/build-doctor.ts';
import { createDispatcher } from './ipc/dispatch.ts';
import { createHandlers } from './ipc/handlers.ts';
import { trackDiagnosisActivity } from './shell/diagnosis-activity.ts';
import { forwardDoctorEvents, registerIpcBridge } from './shell/electron-ipc.ts';
import { createMainWindow, revealWindow } from './shell/main-window.ts';
import { createRefreshTimer } from './shell/refresh-timer.ts';
import type { TrayAction } from './shell/tray-menu.ts';
import { createStatusTray } from './shell/tray.ts';
import { appIconPath } from './shell/tray-icons.ts';
import { isTrustedRendererUrl, type RendererLocation } from './shell/trusted-sender.ts';

// Composition root of the tray app: build the graph, wire shell and ipc, dispose on quit. No logic here.

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
  const log = createLogger({ dir: app.getPath('logs'), verbose });
  const logger = log.logger.child({ process: 'main' });
  const settings = createElectronSettings({ logger, cwd: process.env.STACK_DOCTOR_CONFIG_DIR ?? app.getPath('userData') });
  const doctor = buildDoctor({ logger, settings });
  const appInfo: AppInfo = {
    version: app.getVersion(),
    // A getter, so a workspace chosen in settings applies to the next run without a restart.
    get workspace() {
      return settings.get().workspaces[0] ?? process.cwd();
    },
    host: 'electron',
  };
  // One orchestrator client for the app, configured by the same workspace the dashboard diagnoses.
  const chat = buildChatService({ logger, settings, doctor, workspace: () => appInfo.workspace });
  const activity = trackDiagnosisActivity(createDispatcher(createHandlers({ doctor, settings, appInfo, chat }), logger));
  const runDiagnosis = () => activity.dispatch(invokeContract.runDiagnosis.channel, {});

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

  const onTrayAction = (action: TrayAction): void => {
    if (action === 'check-now') void runDiagnosis();
    else if (action === 'open-dashboard') openWindow();
    else if (action === 'quit') app.quit();
    else {
      // The dashboard scrolls to and highlights `#finding-<ID>` (a same-document hash change, no reload).
      const target = openWindow();
      const hash = `finding-${action.id}`;
      if (renderer.kind === 'file') void target.loadFile(renderer.path, { hash });
      else void target.loadURL(`${renderer.url.split('#')[0]}#${hash}`);
    }
  };
  const tray = createStatusTray({ resourcesDir, platform: process.platform, onAction: onTrayAction });
  const refreshTray = (): void => tray.update({ diagnosis: doctor.last, checking: activity.checking() });

  const refresh = createRefreshTimer({
    intervalSec: () => settings.get().refreshIntervalSec,
    run: runDiagnosis,
    busy: activity.checking,
  });

  const disposers = [
    registerIpcBridge({
      ipcMain,
      dispatch: activity.dispatch,
      isTrustedSender: (url) => isTrustedRendererUrl(url, renderer),
      logger,
    }),
    forwardDoctorEvents({
      doctor,
      settings,
      chat,
      send: (channel, payload) => {
        if (window && !window.isDestroyed()) window.webContents.send(channel, payload);
      },
    }),
    activity.onChange(refreshTray),
    doctor.onCompleted(() => {
      refreshTray();
      refresh.reset();
    }),
    settings.onChange(() => refresh.reset()),
    () => refresh.dispose(),
    () => tray.dispose(),
  ];

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
    void (async () => {
      for (const dispose of disposers.reverse()) dispose();
      await chat.dispose();
      await doctor.dispose();
      logger.info({}, 'stack doctor stopped');
      await log.close();
    })()
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
