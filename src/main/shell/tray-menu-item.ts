import type { FindingId } from '../../shared/model/index.ts';

/** What a tray item does when clicked; the Electron face (src/main/index.ts) carries it out. */
export type TrayAction =
  | 'check-now'
  | 'open-dashboard'
  /** Opens the dashboard's Repair view (the plan, to confirm there). */
  | 'repair-stack'
  | 'quit'
  | 'pause-supervision'
  | 'resume-supervision'
  | { kind: 'open-finding'; id: FindingId }
  | { kind: 'approve-plan'; planId: string }
  | { kind: 'cancel-plan'; planId: string };

/** A menu entry as plain data, so the menu is testable without Electron; tray.ts maps it to a Menu. */
export type TrayMenuItem =
  | { type: 'normal'; label: string; enabled: boolean; action?: TrayAction }
  | { type: 'submenu'; label: string; items: TrayMenuItem[] }
  | { type: 'separator' };
