import { BrowserWindow } from 'electron';
import type { Logger } from '../core/ports/logger.port.ts';
import { isTrustedRendererUrl, type RendererLocation } from './trusted-sender.ts';

export interface MainWindowOptions {
  /** Absolute path of the built preload script. */
  preloadPath: string;
  renderer: RendererLocation;
  iconPath: string;
  /** True once the app is quitting: then closing really closes instead of hiding to the tray. */
  isQuitting: () => boolean;
  logger: Logger;
}

/**
 * The dashboard window, locked down: isolated, sandboxed, no Node, no popups, no navigation away from
 * our page. Closing it hides it; the app lives on in the tray.
 */
export function createMainWindow({ preloadPath, renderer, iconPath, isQuitting, logger }: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1180,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Stack Doctor',
    icon: iconPath,
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });

  window.webContents.setWindowOpenHandler(({ url }) => {
    logger.warn({ url }, 'window.open denied');
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (isTrustedRendererUrl(url, renderer)) return;
    event.preventDefault();
    logger.warn({ url }, 'navigation away from the dashboard denied');
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());

  window.once('ready-to-show', () => window.show());
  window.on('close', (event) => {
    if (isQuitting()) return;
    event.preventDefault();
    window.hide();
  });

  if (renderer.kind === 'dev-server') void window.loadURL(renderer.url);
  else void window.loadFile(renderer.path);
  return window;
}

/** Brings the window to the front, restoring it when minimised; used by the tray and a second launch. */
export function revealWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
