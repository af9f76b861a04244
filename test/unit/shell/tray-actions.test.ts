import { describe, expect, it } from 'vitest';
import { handleTrayAction, type TrayActionTargets } from '../../../src/main/shell/tray-actions.ts';
import type { TrayAction } from '../../../src/main/shell/tray-menu.ts';

function targets(): { t: TrayActionTargets; calls: string[] } {
  const calls: string[] = [];
  const t: TrayActionTargets = {
    controller: {
      repair: async () => void calls.push('repair'),
      runSmoke: async () => void calls.push('smoke'),
      saveBundle: async () => void calls.push('bundle'),
      service: async (op, service) => void calls.push(`${op} ${service}`),
      openLogs: (service) => void calls.push(`logs ${service}`),
    },
    supervisor: {
      pause: () => void calls.push('pause'),
      resume: () => void calls.push('resume'),
      approve: (id) => (calls.push(`approve ${id}`), { ok: true, value: null as never }),
      cancel: (id) => (calls.push(`cancel ${id}`), { ok: true, value: null as never }),
    },
    checkNow: () => void calls.push('check'),
    openDashboard: () => void calls.push('dashboard'),
    openAt: (hash) => void calls.push(`#${hash}`),
    quit: () => void calls.push('quit'),
  };
  return { t, calls };
}

describe('tray actions → what carries them out', () => {
  it.each<[TrayAction, string]>([
    ['check-now', 'check'],
    ['open-dashboard', 'dashboard'],
    ['repair-stack', 'repair'],
    ['run-smoke', 'smoke'],
    ['save-bundle', 'bundle'],
    ['quit', 'quit'],
    ['pause-supervision', 'pause'],
    ['resume-supervision', 'resume'],
    [{ kind: 'approve-plan', planId: 'p-1' }, 'approve p-1'],
    [{ kind: 'cancel-plan', planId: 'p-2' }, 'cancel p-2'],
    [{ kind: 'service', op: 'stop', service: 'web' }, 'stop web'],
    [{ kind: 'service', op: 'start', service: 'api' }, 'start api'],
    [{ kind: 'service', op: 'restart', service: 'db' }, 'restart db'],
    [{ kind: 'open-logs', service: 'web' }, 'logs web'],
    [{ kind: 'open-finding', id: 'PORT_CLOSED' }, '#finding-PORT_CLOSED'],
  ])('%j → %s', (action, call) => {
    const { t, calls } = targets();
    handleTrayAction(action, t);
    expect(calls).toEqual([call]);
  });

  it('without a supervisor, its actions do nothing', () => {
    const { t, calls } = targets();
    handleTrayAction('pause-supervision', { ...t, supervisor: null });
    handleTrayAction({ kind: 'approve-plan', planId: 'p' }, { ...t, supervisor: null });
    expect(calls).toEqual([]);
  });
});
