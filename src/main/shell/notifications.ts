import { Notification } from 'electron';
import type { Event } from '../../shared/lifecycle/emitter.ts';
import { toDisposable, type SyncDisposable } from '../../shared/lifecycle/disposable.ts';
import type { SupervisionEvent } from '../../shared/model/index.ts';
import type { Clock } from '../core/ports/clock.port.ts';
import { createNoticeFeed } from './supervision-notices.ts';

export interface DesktopNotificationsOptions {
  events: Event<SupervisionEvent>;
  clock: Clock;
  /** Clicking a notice: the face opens the dashboard. */
  onClick: (service: string) => void;
}

/** Shows the supervisor's notices as native notifications (where the desktop supports them), debounced per service. */
export function showSupervisionNotifications({ events, clock, onClick }: DesktopNotificationsOptions): SyncDisposable {
  if (!Notification.isSupported()) return toDisposable(() => undefined);
  // Electron drops a Notification that is garbage-collected before it is clicked: keep the shown ones.
  const shown = new Set<Notification>();
  const feed = createNoticeFeed({
    clock,
    show: ({ service, title, body }) => {
      const notification = new Notification({ title, body });
      shown.add(notification);
      notification.on('click', () => onClick(service));
      notification.on('close', () => shown.delete(notification));
      notification.show();
    },
  });
  const subscription = events((event) => feed.push(event));
  return toDisposable(() => {
    subscription.dispose();
    feed.dispose();
    for (const notification of shown) notification.close();
    shown.clear();
  });
}
