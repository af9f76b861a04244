import { describe, expect, it } from 'vitest';
import { buildTrayMenu, type TrayMenuItem } from '../../../src/main/shell/tray-menu.ts';
import { IDLE } from '../../../src/main/shell/tray-activity.ts';
import { servicesItems, TRAY_MAX_SERVICES } from '../../../src/main/shell/tray-services.ts';
import { supervisionItems, supervisionLine } from '../../../src/main/shell/tray-supervision.ts';
import { planView, serviceStatus, supervisionStatus, T0 } from '../ipc/support/fake-supervisor.ts';
import { diagnosis } from '../renderer/diagnosis-fixture.ts';

const labels = (items: TrayMenuItem[]): unknown[] =>
  items.map((item) => (item.type === 'separator' ? '---' : item.type === 'submenu' ? { [item.label]: labels(item.items) } : item.label));

describe('tray supervision section', () => {
  it('active, engine connected: a Services submenu with one submenu per supervised service, then the line and Pause', () => {
    const status = supervisionStatus({
      recovery: {
        running: true,
        parallelism: 2,
        active: [],
        queued: [],
        services: [serviceStatus(), serviceStatus({ service: 'db', state: 'starting', reason: 'not ready yet' })],
      },
    });
    const menu = buildTrayMenu({ diagnosis: diagnosis(), checking: false, supervision: status });
    // Not in the diagnosis: no container to act on, so only the supervisor's reason and Open logs.
    expect(labels(menu.items)).toEqual([
      'Healthy — no problems',
      '---',
      { Services: [{ '● api: healthy': ['running', 'Open logs'] }, { '◌ db: starting': ['not ready yet', 'Open logs'] }] },
      '---',
      'Supervision: active',
      'Pause supervision',
      '---',
      'Run smoke tests',
      'Save diagnostics bundle…',
      'Check now',
      'Open dashboard',
      '---',
      'Quit Stack Doctor',
    ]);
    expect(menu.items[5]).toEqual({ type: 'normal', label: 'Pause supervision', enabled: true, action: 'pause-supervision' });
    expect(menu.tooltip).toBe('Stack Doctor: Healthy — no problems');
  });

  it('paused: Resume instead of Pause, and the tooltip says so', () => {
    const menu = buildTrayMenu({ diagnosis: diagnosis(), checking: false, supervision: supervisionStatus({ paused: true }) });
    const items = supervisionItems(supervisionStatus({ paused: true }));
    expect(items[0]).toMatchObject({ label: 'Supervision: paused', enabled: false });
    expect(items[1]).toEqual({ type: 'normal', label: 'Resume supervision', enabled: true, action: 'resume-supervision' });
    expect(menu.tooltip).toBe('Stack Doctor: Healthy — no problems · supervision paused');
  });

  it('engine lost or still connecting: says so above the switch', () => {
    expect(supervisionLine(supervisionStatus({ engine: { state: 'lost', since: T0, attempt: 3 } }))).toBe(
      'Supervision: engine lost, reconnecting…',
    );
    expect(supervisionLine(supervisionStatus({ engine: { state: 'connecting', since: T0 } }))).toBe('Supervision: waiting for the engine…');
  });

  it('not started: one disabled line, no switch, no services', () => {
    expect(labels(supervisionItems(supervisionStatus({ started: false })))).toEqual(['Supervision: off']);
  });

  it('a crash loop shows the attempt; a manual plan offers Approve and Cancel; a scheduled one Cancel only', () => {
    const status = supervisionStatus({
      recovery: {
        running: true,
        parallelism: 2,
        active: [],
        queued: [planView({ id: 'p-1', service: 'api' }), planView({ id: 'p-2', service: 'db', state: 'AWAITING_MANUAL', dueAt: null })],
        services: [
          serviceStatus({ state: 'crash-looping', attempts: 3, reason: 'exited 1 after 2 s' }),
          serviceStatus({ service: 'db', state: 'awaiting-manual', attempts: 1, reason: 'manual strategy', waitingFor: ['net'] }),
        ],
      },
    });
    expect(supervisionItems(status)[0]).toMatchObject({ label: 'Supervision: active, 2 recoveries pending' });
    const items = servicesItems(null, status, IDLE);
    expect(labels(items)[0]).toEqual({
      'Services (1 need you)': [
        { '↻ api: crash-looping, attempt 3/5': ['exited 1 after 2 s', 'Cancel recovery', 'Open logs'] },
        {
          '? db: awaiting your approval, attempt 1/5': [
            'manual strategy',
            'waiting for net',
            'Approve recovery',
            'Cancel recovery',
            'Open logs',
          ],
        },
      ],
    });
    const db = (items[0] as Extract<TrayMenuItem, { type: 'submenu' }>).items[1] as Extract<TrayMenuItem, { type: 'submenu' }>;
    expect(db.items[2]).toMatchObject({ action: { kind: 'approve-plan', planId: 'p-2' } });
    expect(db.items[3]).toMatchObject({ action: { kind: 'cancel-plan', planId: 'p-2' } });
  });

  it('a plan in progress offers nothing to click', () => {
    const status = supervisionStatus({
      recovery: {
        running: true,
        parallelism: 2,
        active: [planView({ state: 'IN_PROGRESS' })],
        queued: [],
        services: [serviceStatus({ state: 'recovering', attempts: 1, reason: 'restarting' })],
      },
    });
    expect(labels(servicesItems(null, status, IDLE))[0]).toEqual({
      Services: [{ '↻ api: recovering, attempt 1/5': ['restarting', 'Open logs'] }],
    });
  });

  it(`lists at most ${TRAY_MAX_SERVICES} services, then "and N more…" opening the dashboard`, () => {
    const services = Array.from({ length: TRAY_MAX_SERVICES + 3 }, (_, i) => serviceStatus({ service: `svc-${i}` }));
    const status = supervisionStatus({ recovery: { running: true, parallelism: 2, active: [], queued: [], services } });
    const submenu = servicesItems(null, status, IDLE)[0] as Extract<TrayMenuItem, { type: 'submenu' }>;
    expect(submenu.items).toHaveLength(TRAY_MAX_SERVICES + 1);
    expect(submenu.items.at(-1)).toEqual({ type: 'normal', label: 'and 3 more…', enabled: true, action: 'open-dashboard' });
  });

  it('without supervision (null or absent) the menu is the diagnosis menu alone', () => {
    const plain = buildTrayMenu({ diagnosis: diagnosis(), checking: false });
    expect(buildTrayMenu({ diagnosis: diagnosis(), checking: false, supervision: null })).toEqual(plain);
    expect(labels(plain.items)).not.toContain('Supervision: off');
  });
});
