import type { SupervisorService } from '../app/supervisor-service.ts';
import type { TrayController } from './tray-controller.ts';
import type { TrayAction } from './tray-menu-item.ts';

export interface TrayActionTargets {
  controller: Pick<TrayController, 'repair' | 'runSmoke' | 'saveBundle' | 'service' | 'openLogs'>;
  supervisor: Pick<SupervisorService, 'pause' | 'resume' | 'approve' | 'cancel'> | null;
  checkNow: () => void;
  openDashboard: () => void;
  /** The dashboard at `#hash`. */
  openAt: (hash: string) => void;
  quit: () => void;
}

/** A clicked tray item → what carries it out. Long actions run in the background; their outcome is a notification. */
export function handleTrayAction(action: TrayAction, t: TrayActionTargets): void {
  if (typeof action === 'string') {
    switch (action) {
      case 'check-now':
        return t.checkNow();
      case 'open-dashboard':
        return t.openDashboard();
      case 'repair-stack':
        return void t.controller.repair();
      case 'run-smoke':
        return void t.controller.runSmoke();
      case 'save-bundle':
        return void t.controller.saveBundle();
      case 'quit':
        return t.quit();
      case 'pause-supervision':
        return t.supervisor?.pause();
      case 'resume-supervision':
        return t.supervisor?.resume();
    }
  }
  switch (action.kind) {
    case 'approve-plan':
      return void t.supervisor?.approve(action.planId);
    case 'cancel-plan':
      return void t.supervisor?.cancel(action.planId);
    case 'service':
      return void t.controller.service(action.op, action.service);
    case 'open-logs':
      return t.controller.openLogs(action.service);
    case 'open-finding':
      // The dashboard scrolls to and highlights `#finding-<ID>` (a same-document hash change, no reload).
      return t.openAt(`finding-${action.id}`);
  }
}
