import { describe, expect, it } from 'vitest';
import { IDLE, type TrayWork } from '../../../src/main/shell/tray-activity.ts';
import { buildTrayMenu, type TrayMenuItem } from '../../../src/main/shell/tray-menu.ts';
import { containerLine, servicesItems } from '../../../src/main/shell/tray-services.ts';
import type { ContainerInfo, ServiceReport } from '../../../src/shared/model/index.ts';
import { runningContainer } from '../support/container-info.ts';
import { planView, serviceStatus, supervisionStatus } from '../ipc/support/fake-supervisor.ts';
import { diagnosis } from '../renderer/diagnosis-fixture.ts';

type Submenu = Extract<TrayMenuItem, { type: 'submenu' }>;
type Normal = Extract<TrayMenuItem, { type: 'normal' }>;

const labels = (items: TrayMenuItem[]): unknown[] =>
  items.map((item) => (item.type === 'separator' ? '---' : item.type === 'submenu' ? { [item.label]: labels(item.items) } : item.label));

function service(name: string, container: Partial<ContainerInfo> | null): ServiceReport {
  return {
    name,
    project: 'shop',
    role: 'service',
    container: container ? runningContainer({ id: `id-${name}`, name: `shop-${name}-1`, ...container }) : null,
    dependsOn: [],
    probes: [],
  };
}

const stack = (...services: ServiceReport[]) => diagnosis({ services });
const submenuOf = (items: TrayMenuItem[], index = 0): Submenu => (items[0] as Submenu).items[index] as Submenu;
const item = (menu: Submenu, label: string): Normal => menu.items.find((i) => i.type === 'normal' && i.label === label) as Normal;

describe('tray Services submenu', () => {
  it('a running service: its container state, Restart and Stop, Open logs, each with its action', () => {
    const items = servicesItems(stack(service('web', {})), null, IDLE);
    expect(labels(items)).toEqual([{ Services: [{ '● web: running': ['container: running', '---', 'Restart', 'Stop', 'Open logs'] }] }]);
    const web = submenuOf(items);
    expect(item(web, 'Restart')).toEqual({
      type: 'normal',
      label: 'Restart',
      enabled: true,
      action: { kind: 'service', op: 'restart', service: 'web' },
    });
    expect(item(web, 'Stop').action).toEqual({ kind: 'service', op: 'stop', service: 'web' });
    expect(item(web, 'Open logs')).toEqual({
      type: 'normal',
      label: 'Open logs',
      enabled: true,
      action: { kind: 'open-logs', service: 'web' },
    });
  });

  it('an exited or created service offers Start instead; one never created offers only its logs', () => {
    const items = servicesItems(
      stack(service('api', { state: 'exited', exitCode: 1 }), service('init', { state: 'created' }), service('worker', null)),
      null,
      IDLE,
    );
    expect(labels(items)).toEqual([
      {
        Services: [
          { '■ api: exited': ['container: exited (code 1)', '---', 'Start', 'Open logs'] },
          { '■ init: created': ['container: created', '---', 'Start', 'Open logs'] },
          { '○ worker: not created': ['container: not created', 'Open logs'] },
        ],
      },
    ]);
    expect(item(submenuOf(items), 'Start').action).toEqual({ kind: 'service', op: 'start', service: 'api' });
  });

  it('shows the health of a container that has a HEALTHCHECK, and marks an unhealthy one', () => {
    const items = servicesItems(stack(service('web', { health: 'unhealthy' })), null, IDLE);
    expect(labels(items)).toEqual([
      { Services: [{ '▲ web: running': ['container: running, unhealthy', '---', 'Restart', 'Stop', 'Open logs'] }] },
    ]);
    expect(containerLine(runningContainer({ id: 'x', name: 'x', health: 'healthy' }))).toBe('container: running, healthy');
  });

  it("with supervision: the supervisor's state names the service, its reason follows the container line", () => {
    const status = supervisionStatus({
      recovery: {
        running: true,
        parallelism: 2,
        active: [],
        queued: [],
        services: [serviceStatus({ service: 'api', state: 'stopped-by-user', reason: 'stopped by you at 10:02' })],
      },
    });
    const items = servicesItems(stack(service('api', { state: 'exited', exitCode: 0 })), status, IDLE);
    expect(labels(items)).toEqual([
      { Services: [{ '■ api: stopped by you': ['container: exited (code 0)', 'stopped by you at 10:02', '---', 'Start', 'Open logs'] }] },
    ]);
  });

  it('while an action on a service runs, that line replaces its actions (disabled); other services keep theirs', () => {
    const work: TrayWork = { activity: null, serviceOps: { web: 'stop' } };
    const items = servicesItems(stack(service('web', {}), service('db', {})), null, work);
    expect(labels(items)).toEqual([
      {
        Services: [
          { '● web: running': ['container: running', 'Stopping web…', 'Open logs'] },
          { '● db: running': ['container: running', '---', 'Restart', 'Stop', 'Open logs'] },
        ],
      },
    ]);
    expect(item(submenuOf(items), 'Stopping web…').enabled).toBe(false);
  });

  it('a recovery in progress owns the container: Restart and Stop are disabled until it ends', () => {
    const status = supervisionStatus({
      recovery: {
        running: true,
        parallelism: 2,
        active: [planView({ service: 'web', state: 'IN_PROGRESS' })],
        queued: [],
        services: [serviceStatus({ service: 'web', state: 'recovering', attempts: 1, reason: 'restarting' })],
      },
    });
    const web = submenuOf(servicesItems(stack(service('web', {})), status, IDLE));
    expect(item(web, 'Restart').enabled).toBe(false);
    expect(item(web, 'Stop').enabled).toBe(false);
    expect(item(web, 'Open logs').enabled).toBe(true);
  });

  it('lists the diagnosis services in order, then those only the supervisor knows (no container to act on)', () => {
    const status = supervisionStatus({
      recovery: {
        running: true,
        parallelism: 2,
        active: [],
        queued: [],
        services: [serviceStatus({ service: 'cache', reason: 'running' })],
      },
    });
    const items = servicesItems(stack(service('web', {})), status, IDLE);
    expect(labels(items)).toEqual([
      {
        Services: [
          { '● web: running': ['container: running', '---', 'Restart', 'Stop', 'Open logs'] },
          { '● cache: healthy': ['running', 'Open logs'] },
        ],
      },
    ]);
  });

  it('no service, no submenu; in the whole menu the Services section sits after the findings', () => {
    expect(servicesItems(diagnosis(), null, IDLE)).toEqual([]);
    const menu = buildTrayMenu({ diagnosis: stack(service('web', {})), checking: false });
    expect(labels(menu.items).slice(0, 3)).toEqual([
      'Healthy — no problems',
      '---',
      { Services: [{ '● web: running': ['container: running', '---', 'Restart', 'Stop', 'Open logs'] }] },
    ]);
  });
});
