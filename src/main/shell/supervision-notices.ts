import type { SyncDisposable } from '../../shared/lifecycle/disposable.ts';
import type { NotificationKind, RecoveryNotification, SupervisionEvent } from '../../shared/model/index.ts';
import type { Clock } from '../core/ports/clock.port.ts';
import { NotificationDebouncer } from '../core/recovery/notification-debouncer.ts';

/** A desktop notification as plain data; notifications.ts shows it with Electron. */
export interface DesktopNotice {
  service: string;
  kind: NotificationKind;
  title: string;
  body: string;
}

const titles: Record<NotificationKind, (service: string) => string> = {
  'given-up': (service) => `${service} keeps failing: Stack Doctor gave up`,
  'awaiting-manual': (service) => `${service} needs your approval to recover`,
  'recovered-after-failure': (service) => `${service} recovered`,
};

/** Notification → title and body; a folded burst says how many it stands for. */
export function noticeFor(notification: RecoveryNotification): DesktopNotice {
  const { service, kind, message, suppressed } = notification;
  const folded = suppressed > 0 ? ` (${suppressed} similar notification${suppressed === 1 ? '' : 's'} folded into this one)` : '';
  return { service, kind, title: titles[kind](service), body: `${message}${folded}` };
}

/** Options of {@link createNoticeFeed}. */
export interface NoticeFeedOptions {
  clock: Clock;
  /**
   * Per service: after a notice, further ones within this window are folded into one shown when it ends, ms.
   * Default 60000: a service flapping every second shows at most one notice a minute.
   */
  windowMs?: number;
  show: (notice: DesktopNotice) => void;
}

export interface NoticeFeed extends SyncDisposable {
  /** Any supervision event; only `notification` events (given-up, awaiting-manual, recovered) become notices. */
  push(event: SupervisionEvent): void;
}

/**
 * Supervision events → desktop notices, debounced per service on the Clock, whatever the source already did: the
 * desktop is protected even from a supervisor that emits every notification it decides.
 */
export function createNoticeFeed({ clock, windowMs = 60_000, show }: NoticeFeedOptions): NoticeFeed {
  const debouncer = new NotificationDebouncer(clock, windowMs, (notification) => show(noticeFor(notification)));
  return {
    push(event) {
      if (event.type !== 'notification') return;
      const { suppressed: _suppressed, ...rest } = event;
      debouncer.notify(rest);
    },
    dispose: () => debouncer.dispose(),
  };
}
