import { dialog, Notification, type BrowserWindow } from 'electron';
import type { TrayDialogs } from './tray-controller.ts';
import type { TrayNotice } from './tray-notices.ts';

/**
 * The tray's questions as native dialogs: a yes/no message box (Cancel is the default and the Escape answer), and a
 * save dialog for the bundle. `parent` makes them modal to the dashboard when it is open.
 */
export function nativeDialogs(parent: () => BrowserWindow | null): TrayDialogs {
  return {
    async confirm(question) {
      const options = {
        type: 'question' as const,
        title: question.title,
        message: question.message,
        detail: question.detail,
        buttons: [question.confirmLabel, 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
      };
      const window = parent();
      const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
      return response === 0;
    },
    async saveBundleAs(defaultName) {
      const options = {
        title: 'Save diagnostics bundle',
        defaultPath: defaultName,
        filters: [{ name: 'Diagnostics bundle', extensions: ['tar.gz', 'tgz'] }],
      };
      const window = parent();
      const { canceled, filePath } = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return canceled || !filePath ? null : filePath;
    },
  };
}

/** Shows a tray notice as a native notification (where the desktop supports them); a click opens the dashboard. */
export function nativeNotifier(onClick: () => void): (notice: TrayNotice) => void {
  // Electron drops a Notification that is garbage-collected before it is clicked: keep the shown ones.
  const shown = new Set<Notification>();
  return ({ title, body }) => {
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title, body });
    shown.add(notification);
    notification.on('click', onClick);
    notification.on('close', () => shown.delete(notification));
    notification.show();
  };
}
