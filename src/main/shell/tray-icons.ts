import { join } from 'node:path';
import type { TrayIconState } from './tray-menu.ts';

/** Files in resources/ for a tray state; Electron picks the `@2x` sibling itself on HiDPI screens. */
export interface TrayIconFile {
  file: string;
  /**
   * macOS template image (black + alpha, tinted by the menu bar). Our names start with `trayTemplate-`
   * rather than ending in `Template`, so the tray marks them with `setTemplateImage(true)` explicitly.
   */
  template: boolean;
}

/** State + platform → icon file name: colored PNGs on Linux/Windows, monochrome template images on macOS. */
export function trayIconFile(state: TrayIconState, platform: NodeJS.Platform): TrayIconFile {
  return platform === 'darwin' ? { file: `trayTemplate-${state}.png`, template: true } : { file: `tray-${state}.png`, template: false };
}

/** Absolute path of the tray icon for `state` under `resourcesDir`. */
export function trayIconPath(resourcesDir: string, state: TrayIconState, platform: NodeJS.Platform): string {
  return join(resourcesDir, trayIconFile(state, platform).file);
}

/** The 512×512 window/app icon. */
export function appIconPath(resourcesDir: string): string {
  return join(resourcesDir, 'icon.png');
}
