import type { RecoveryPlanView, ServiceRecoveryStatus, ServiceState, SupervisionStatus } from '../../shared/model/index.ts';
import type { TrayMenuItem } from './tray-menu-item.ts';

/** How many services the Services submenu lists before "and N more…". */
export const TRAY_MAX_SERVICES = 20;

const stateWord: Record<ServiceState, string> = {
  starting: 'starting',
  healthy: 'healthy',
  degraded: 'degraded',
  unavailable: 'unavailable',
  'stopped-by-user': 'stopped by you',
  'crash-looping': 'crash-looping',
  recovering: 'recovering',
  'given-up': 'gave up',
  'awaiting-manual': 'awaits your approval',
};

const stateMark: Record<ServiceState, string> = {
  starting: '◌',
  healthy: '●',
  degraded: '▲',
  unavailable: '✖',
  'stopped-by-user': '■',
  'crash-looping': '↻',
  recovering: '↻',
  'given-up': '✖',
  'awaiting-manual': '?',
};

/** The supervision line: off, connecting, lost, paused or active (with what is recovering). */
export function supervisionLine(status: SupervisionStatus): string {
  if (!status.started) return 'Supervision: off';
  if (status.engine.state === 'lost') return 'Supervision: engine lost, reconnecting…';
  if (status.engine.state === 'connecting') return 'Supervision: waiting for the engine…';
  if (status.paused) return 'Supervision: paused';
  const busy = status.recovery.active.length + status.recovery.queued.length;
  return busy > 0 ? `Supervision: active, ${busy} recover${busy === 1 ? 'y' : 'ies'} pending` : 'Supervision: active';
}

function serviceLabel(service: ServiceRecoveryStatus): string {
  const attempts = service.attempts > 0 && service.state !== 'healthy' ? `, attempt ${service.attempts}/${service.maxAttempts}` : '';
  return `${stateMark[service.state]} ${service.service}: ${stateWord[service.state]}${attempts}`;
}

/** One service's submenu: its state and reason, then the recovery actions its live plan allows. */
function serviceSubmenu(service: ServiceRecoveryStatus, plan: RecoveryPlanView | undefined): TrayMenuItem {
  const items: TrayMenuItem[] = [{ type: 'normal', label: service.reason || stateWord[service.state], enabled: false }];
  if (service.waitingFor.length > 0) items.push({ type: 'normal', label: `waiting for ${service.waitingFor.join(', ')}`, enabled: false });
  if (plan?.state === 'AWAITING_MANUAL')
    items.push({ type: 'normal', label: 'Approve recovery', enabled: true, action: { kind: 'approve-plan', planId: plan.id } });
  if (plan && (plan.state === 'SCHEDULED' || plan.state === 'AWAITING_MANUAL'))
    items.push({ type: 'normal', label: 'Cancel recovery', enabled: true, action: { kind: 'cancel-plan', planId: plan.id } });
  return { type: 'submenu', label: serviceLabel(service), items };
}

/**
 * The tray's supervision section (pure): the line, pause/resume, and a Services submenu with one submenu per
 * service. Start/stop/restart per service are not offered: the supervisor exposes no such action yet.
 */
export function supervisionItems(status: SupervisionStatus): TrayMenuItem[] {
  const items: TrayMenuItem[] = [{ type: 'normal', label: supervisionLine(status), enabled: false }];
  if (!status.started) return items;
  items.push(
    status.paused
      ? { type: 'normal', label: 'Resume supervision', enabled: true, action: 'resume-supervision' }
      : { type: 'normal', label: 'Pause supervision', enabled: true, action: 'pause-supervision' },
  );
  const { services, active, queued } = status.recovery;
  if (services.length === 0) return items;
  const planOf = new Map([...active, ...queued].map((plan) => [plan.service, plan]));
  const listed = services.slice(0, TRAY_MAX_SERVICES).map((service) => serviceSubmenu(service, planOf.get(service.service)));
  const rest = services.length - TRAY_MAX_SERVICES;
  if (rest > 0) listed.push({ type: 'normal', label: `and ${rest} more…`, enabled: true, action: 'open-dashboard' });
  const needYou = services.filter((s) => s.state === 'given-up' || s.state === 'awaiting-manual').length;
  items.push({ type: 'submenu', label: needYou > 0 ? `Services (${needYou} need you)` : 'Services', items: listed });
  return items;
}
