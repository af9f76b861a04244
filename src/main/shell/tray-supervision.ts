import type { SupervisionStatus } from '../../shared/model/index.ts';
import type { TrayMenuItem } from './tray-menu-item.ts';

/** The supervision line: off, connecting, lost, paused or active (with what is recovering). */
export function supervisionLine(status: SupervisionStatus): string {
  if (!status.started) return 'Supervision: off';
  if (status.engine.state === 'lost') return 'Supervision: engine lost, reconnecting…';
  if (status.engine.state === 'connecting') return 'Supervision: waiting for the engine…';
  if (status.paused) return 'Supervision: paused';
  const busy = status.recovery.active.length + status.recovery.queued.length;
  return busy > 0 ? `Supervision: active, ${busy} recover${busy === 1 ? 'y' : 'ies'} pending` : 'Supervision: active';
}

/**
 * The tray's supervision section (pure): the line and pause/resume. The services, with the supervisor's state of
 * each, are in the Services submenu (tray-services.ts).
 */
export function supervisionItems(status: SupervisionStatus): TrayMenuItem[] {
  const items: TrayMenuItem[] = [{ type: 'normal', label: supervisionLine(status), enabled: false }];
  if (!status.started) return items;
  items.push(
    status.paused
      ? { type: 'normal', label: 'Resume supervision', enabled: true, action: 'resume-supervision' }
      : { type: 'normal', label: 'Pause supervision', enabled: true, action: 'pause-supervision' },
  );
  return items;
}
