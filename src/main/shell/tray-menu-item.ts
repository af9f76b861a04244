import type { FindingId } from '../../shared/model/index.ts';
import type { ServiceOp } from '../app/stack-service-control.ts';

/** What a tray item does when clicked; the Electron face (src/main/index.ts) hands it to the tray controller. */
export type TrayAction =
  | 'check-now'
  | 'open-dashboard'
  /** Repairs after a native confirmation when the plan is only safe steps; else opens the dashboard's Repair view. */
  | 'repair-stack'
  /** Runs the smoke suites; the result is a notification. */
  | 'run-smoke'
  /** Asks where, then writes the diagnostics bundle. */
  | 'save-bundle'
  | 'quit'
  | 'pause-supervision'
  | 'resume-supervision'
  | { kind: 'open-finding'; id: FindingId }
  | { kind: 'approve-plan'; planId: string }
  | { kind: 'cancel-plan'; planId: string }
  | { kind: 'service'; op: ServiceOp; service: string }
  /** The dashboard's Logs view filtered on the service. */
  | { kind: 'open-logs'; service: string };

/** A menu entry as plain data, so the menu is testable without Electron; tray.ts maps it to a Menu. */
export type TrayMenuItem =
  | { type: 'normal'; label: string; enabled: boolean; action?: TrayAction }
  | { type: 'submenu'; label: string; items: TrayMenuItem[] }
  | { type: 'separator' };
