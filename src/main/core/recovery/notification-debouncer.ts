import type { SyncDisposable } from '../../../shared/lifecycle/disposable.ts';
import type { RecoveryNotification } from '../../../shared/model/recovery.ts';
import type { Clock } from '../ports/clock.port.ts';

interface Window {
  timer: SyncDisposable;
  pending: RecoveryNotification | undefined;
  folded: number;
}

/**
 * Per service, so a flapping service cannot flood the desktop: the first notification goes out at once and opens a
 * window; what comes within it is folded, and when the window ends the latest folded one goes out (carrying how many
 * it stands for) and opens the next window. A quiet window closes.
 */
export class NotificationDebouncer implements SyncDisposable {
  private readonly windows = new Map<string, Window>();

  /**
   * @param windowMs length of a service's window, ms. The engine's default is 60000.
   * @param emit receives each notification that goes out.
   */
  constructor(
    private readonly clock: Clock,
    private readonly windowMs: number,
    private readonly emit: (notification: RecoveryNotification) => void,
  ) {}

  notify(notification: Omit<RecoveryNotification, 'suppressed'>): void {
    const open = this.windows.get(notification.service);
    if (open) {
      open.pending = { ...notification, suppressed: open.folded };
      open.folded += 1;
      return;
    }
    this.emit({ ...notification, suppressed: 0 });
    this.open(notification.service);
  }

  private open(service: string): void {
    const window: Window = { pending: undefined, folded: 0, timer: this.clock.setTimeout(() => this.close(service), this.windowMs) };
    this.windows.set(service, window);
  }

  private close(service: string): void {
    const window = this.windows.get(service);
    this.windows.delete(service);
    if (!window?.pending) return;
    this.emit(window.pending);
    this.open(service);
  }

  dispose(): void {
    for (const window of this.windows.values()) window.timer.dispose();
    this.windows.clear();
  }
}
