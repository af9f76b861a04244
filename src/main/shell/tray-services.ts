import type {
  ContainerInfo,
  Diagnosis,
  RecoveryPlanView,
  ServiceRecoveryStatus,
  ServiceState,
  SupervisionStatus,
} from '../../shared/model/index.ts';
import { serviceOpLine, type TrayWork } from './tray-activity.ts';
import type { TrayMenuItem } from './tray-menu-item.ts';
import { serviceStateWord } from '../../shared/model/service-state-words.ts';

/** How many services the Services submenu lists before "and N more…". */
export const TRAY_MAX_SERVICES = 20;

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

/** One service as the menu shows it: the diagnosis' container (what can be acted on) and the supervisor's state. */
interface ServiceRow {
  name: string;
  container: ContainerInfo | null;
  /** False: the service is not in the last diagnosis (supervised only), so it has no container to act on. */
  diagnosed: boolean;
  status: ServiceRecoveryStatus | undefined;
  plan: RecoveryPlanView | undefined;
}

/** `running, healthy`, `exited (code 1)`, `not created`: the container's state as the last check saw it. */
export function containerLine(container: ContainerInfo | null): string {
  if (!container) return 'container: not created';
  if (container.state === 'exited' || container.state === 'dead') return `container: ${container.state} (code ${container.exitCode})`;
  return container.health === 'none' ? `container: ${container.state}` : `container: ${container.state}, ${container.health}`;
}

function rowLabel(row: ServiceRow): string {
  const { status, container } = row;
  if (status) {
    const attempts = status.attempts > 0 && status.state !== 'healthy' ? `, attempt ${status.attempts}/${status.maxAttempts}` : '';
    return `${stateMark[status.state]} ${row.name}: ${serviceStateWord(status.state)}${attempts}`;
  }
  if (!container) return `○ ${row.name}: not created`;
  const up = container.state === 'running' && container.health !== 'unhealthy';
  return `${up ? '●' : container.state === 'running' ? '▲' : '■'} ${row.name}: ${container.state}`;
}

/**
 * One service's submenu: its container state and the supervisor's reason, the recovery plan's Approve/Cancel, then
 * what the user may do: Restart and Stop a running container, Start one that is not, and Open logs. While an action
 * on the service is in flight, it is the only line there (disabled).
 */
function serviceSubmenu(row: ServiceRow, work: TrayWork): TrayMenuItem {
  const { status, plan, container, name } = row;
  const items: TrayMenuItem[] = [];
  if (row.diagnosed) items.push({ type: 'normal', label: containerLine(container), enabled: false });
  if (status) items.push({ type: 'normal', label: status.reason || serviceStateWord(status.state), enabled: false });
  if (status && status.waitingFor.length > 0)
    items.push({ type: 'normal', label: `waiting for ${status.waitingFor.join(', ')}`, enabled: false });
  if (plan?.state === 'AWAITING_MANUAL')
    items.push({ type: 'normal', label: 'Approve recovery', enabled: true, action: { kind: 'approve-plan', planId: plan.id } });
  if (plan && (plan.state === 'SCHEDULED' || plan.state === 'AWAITING_MANUAL'))
    items.push({ type: 'normal', label: 'Cancel recovery', enabled: true, action: { kind: 'cancel-plan', planId: plan.id } });
  const inFlight = work.serviceOps[name];
  if (inFlight) items.push({ type: 'normal', label: serviceOpLine(name, inFlight), enabled: false });
  else if (container) {
    // A recovery in progress owns the container until it ends: no second hand on it.
    const free = plan?.state !== 'IN_PROGRESS';
    const running = container.state === 'running' || container.state === 'restarting';
    const op = (label: string, kind: 'start' | 'stop' | 'restart'): TrayMenuItem => ({
      type: 'normal',
      label,
      enabled: free,
      action: { kind: 'service', op: kind, service: name },
    });
    items.push({ type: 'separator' }, ...(running ? [op('Restart', 'restart'), op('Stop', 'stop')] : [op('Start', 'start')]));
  }
  items.push({ type: 'normal', label: 'Open logs', enabled: true, action: { kind: 'open-logs', service: name } });
  return { type: 'submenu', label: rowLabel(row), items };
}

/**
 * The Services submenu (pure): the services of the last diagnosis, in its order, each with the supervisor's state
 * when it supervises the stack, then services only the supervisor knows. Empty when there is none.
 */
export function servicesItems(diagnosis: Diagnosis | null, supervision: SupervisionStatus | null, work: TrayWork): TrayMenuItem[] {
  const recovery = supervision?.started ? supervision.recovery : null;
  const statusOf = new Map((recovery?.services ?? []).map((s) => [s.service, s]));
  const planOf = new Map([...(recovery?.active ?? []), ...(recovery?.queued ?? [])].map((p) => [p.service, p]));
  const rows: ServiceRow[] = (diagnosis?.services ?? []).map((s) => ({
    name: s.name,
    container: s.container,
    diagnosed: true,
    status: statusOf.get(s.name),
    plan: planOf.get(s.name),
  }));
  const seen = new Set(rows.map((r) => r.name));
  for (const status of recovery?.services ?? []) {
    if (!seen.has(status.service))
      rows.push({ name: status.service, container: null, diagnosed: false, status, plan: planOf.get(status.service) });
  }
  if (rows.length === 0) return [];
  const listed = rows.slice(0, TRAY_MAX_SERVICES).map((row) => serviceSubmenu(row, work));
  const rest = rows.length - TRAY_MAX_SERVICES;
  if (rest > 0) listed.push({ type: 'normal', label: `and ${rest} more…`, enabled: true, action: 'open-dashboard' });
  const needYou = rows.filter((r) => r.status?.state === 'given-up' || r.status?.state === 'awaiting-manual').length;
  return [{ type: 'submenu', label: needYou > 0 ? `Services (${needYou} need you)` : 'Services', items: listed }];
}
