import { describe, expect, it } from 'vitest';
import { activityLine, type TrayActivity } from '../../../src/main/shell/tray-activity.ts';
import { buildTrayMenu, type TrayMenuItem } from '../../../src/main/shell/tray-menu.ts';
import { diagnosis, finding } from '../renderer/diagnosis-fixture.ts';

type Normal = Extract<TrayMenuItem, { type: 'normal' }>;
const byAction = (items: TrayMenuItem[], action: string) => items.find((i) => i.type === 'normal' && i.action === action) as Normal;
const unhealthy = diagnosis({ verdict: 'unhealthy', findings: [finding()] });

describe('tray menu while the tray works', () => {
  it.each<[TrayActivity, string]>([
    [{ kind: 'repair', phase: 'planning' }, 'Repair: planning…'],
    [{ kind: 'repair', phase: 'confirming' }, 'Repair: waiting for your confirmation…'],
    [
      { kind: 'repair', phase: 'running', step: 2, total: 3, title: 'Connect dev to backend' },
      'Repairing: step 2/3, Connect dev to backend…',
    ],
    [{ kind: 'repair', phase: 'verifying' }, 'Repair: verifying…'],
    [{ kind: 'smoke', done: 0, total: 0 }, 'Running smoke tests…'],
    [{ kind: 'smoke', done: 3, total: 7 }, 'Running smoke tests: 3/7…'],
    [{ kind: 'bundle' }, 'Saving the diagnostics bundle…'],
  ])('%j: a disabled line under the verdict, in the tooltip, and Repair, smoke and bundle disabled', (activity, line) => {
    expect(activityLine(activity)).toBe(line);
    const menu = buildTrayMenu({ diagnosis: unhealthy, checking: false, work: { activity, serviceOps: {} } });
    expect(menu.items[1]).toEqual({ type: 'normal', label: line, enabled: false });
    expect(menu.tooltip).toBe(`Stack Doctor: ${line}`);
    expect(byAction(menu.items, 'repair-stack').enabled).toBe(false);
    expect(byAction(menu.items, 'run-smoke').enabled).toBe(false);
    expect(byAction(menu.items, 'save-bundle').enabled).toBe(false);
    // Checking and the dashboard stay available.
    expect(byAction(menu.items, 'check-now').enabled).toBe(true);
    expect(byAction(menu.items, 'open-dashboard').enabled).toBe(true);
  });

  it('idle: no activity line, and Repair stack…, Run smoke tests and Save diagnostics bundle… are enabled', () => {
    const menu = buildTrayMenu({ diagnosis: unhealthy, checking: false, work: { activity: null, serviceOps: {} } });
    expect(menu.items[1]).toEqual({ type: 'separator' });
    expect(byAction(menu.items, 'repair-stack')).toEqual({ type: 'normal', label: 'Repair stack…', enabled: true, action: 'repair-stack' });
    expect(byAction(menu.items, 'run-smoke').enabled).toBe(true);
    expect(byAction(menu.items, 'save-bundle').enabled).toBe(true);
    expect(menu.tooltip).toBe('Stack Doctor: Unhealthy — 1 error');
  });
});
