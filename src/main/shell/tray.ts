import { Menu, Tray, nativeImage, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { buildTrayMenu, type TrayAction, type TrayIconState, type TrayMenuItem, type TrayMenuState } from './tray-menu.ts';
import { trayIconFile, trayIconPath } from './tray-icons.ts';

export interface StatusTrayOptions {
  resourcesDir: string;
  platform: NodeJS.Platform;
  onAction: (action: TrayAction) => void;
}

export interface StatusTray {
  update(state: TrayMenuState): void;
  dispose(): void;
}

function toMenuTemplate(items: TrayMenuItem[], onAction: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if (item.type === 'separator') return { type: 'separator' };
    if (item.type === 'submenu') return { label: item.label, submenu: toMenuTemplate(item.items, onAction) };
    const { action } = item;
    return {
      label: item.label,
      enabled: item.enabled,
      click: action === undefined ? undefined : () => onAction(action),
    };
  });
}

/** The tray: icon, tooltip and menu rebuilt from the pure `buildTrayMenu` on every state change. */
export function createStatusTray({ resourcesDir, platform, onAction }: StatusTrayOptions): StatusTray {
  const images = new Map<TrayIconState, NativeImage>();
  const imageFor = (state: TrayIconState): NativeImage => {
    let image = images.get(state);
    if (!image) {
      // createFromPath also loads the `@2x` sibling for HiDPI displays.
      image = nativeImage.createFromPath(trayIconPath(resourcesDir, state, platform));
      if (trayIconFile(state, platform).template) image.setTemplateImage(true);
      images.set(state, image);
    }
    return image;
  };

  const tray = new Tray(imageFor('checking'));
  let lastIcon: TrayIconState = 'checking';
  // Linux and Windows users expect a left click on the icon to open the window (macOS opens the menu).
  tray.on('click', () => onAction('open-dashboard'));

  const update = (state: TrayMenuState): void => {
    const menu = buildTrayMenu(state);
    if (menu.icon !== lastIcon) {
      tray.setImage(imageFor(menu.icon));
      lastIcon = menu.icon;
    }
    tray.setToolTip(menu.tooltip);
    tray.setContextMenu(Menu.buildFromTemplate(toMenuTemplate(menu.items, onAction)));
  };
  update({ diagnosis: null, checking: false });

  return {
    update,
    dispose: () => tray.destroy(),
  };
}
