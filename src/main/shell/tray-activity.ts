import type { ServiceOp } from '../app/stack-service-control.ts';

/**
 * What the tray is doing on the user's behalf, shown as a line in the menu and in the tooltip. One at a time: while
 * one runs, Repair, Run smoke tests and Save diagnostics bundle are disabled.
 */
export type TrayActivity =
  | { kind: 'repair'; phase: 'planning' | 'confirming' | 'verifying' }
  | { kind: 'repair'; phase: 'running'; step: number; total: number; title: string }
  | { kind: 'smoke'; done: number; total: number }
  | { kind: 'bundle' };

/** What the menu needs to know about the tray's own work: the activity, and service actions in flight by service. */
export interface TrayWork {
  activity: TrayActivity | null;
  serviceOps: Readonly<Record<string, ServiceOp>>;
}

export const IDLE: TrayWork = { activity: null, serviceOps: {} };

/** One line: `Repairing: step 2/3, Connect dev to backend…`. */
export function activityLine(activity: TrayActivity): string {
  switch (activity.kind) {
    case 'repair':
      if (activity.phase === 'running') return `Repairing: step ${activity.step}/${activity.total}, ${activity.title}…`;
      return { planning: 'Repair: planning…', confirming: 'Repair: waiting for your confirmation…', verifying: 'Repair: verifying…' }[
        activity.phase
      ];
    case 'smoke':
      return activity.total > 0 ? `Running smoke tests: ${activity.done}/${activity.total}…` : 'Running smoke tests…';
    case 'bundle':
      return 'Saving the diagnostics bundle…';
  }
}

const opWord: Record<ServiceOp, string> = { start: 'Starting', stop: 'Stopping', restart: 'Restarting' };

/** `Stopping web…`. */
export function serviceOpLine(service: string, op: ServiceOp): string {
  return `${opWord[op]} ${service}…`;
}
