import { describe, expect, it } from 'vitest';
import { createDoctor } from '../../../src/main/app/create-doctor.ts';
import type { SettingsPort } from '../../../src/main/core/ports/settings.port.ts';
import { DiagnoseInputError } from '../../../src/main/core/errors.ts';
import { settingsSchema, type Settings } from '../../../src/shared/model/index.ts';
import { FakeEngine, FakeNet, MemoryWorkspace, deps } from '../core/diagnosis/fakes.ts';
import { COMPOSE, incidentContainers, incidentNetworks } from '../core/diagnosis/incident-stack.ts';

function settingsPort(over: Partial<Settings> = {}): SettingsPort {
  let value = settingsSchema.parse(over);
  return {
    get: () => value,
    update: (patch) => (value = { ...value, ...patch }),
    onChange: () => () => undefined,
  };
}

function doctorWith(over: { settings?: Partial<Settings>; env?: Record<string, string>; events?: string[]; delayMs?: number } = {}) {
  const net = new FakeNet(
    { 'http http://localhost:8006/health': { delayMs: over.delayMs ?? 0, detail: { status: 200 } } },
    over.events ?? [],
    over.delayMs ?? 0,
  );
  const workspace = new MemoryWorkspace({ '/ws/compose.yaml': COMPOSE }, ['/cwd']);
  return createDoctor({
    ...deps({ engine: new FakeEngine(incidentContainers(), incidentNetworks), net, workspace }),
    settings: settingsPort(over.settings),
    cwd: '/cwd',
    env: over.env ?? {},
  });
}

describe('createDoctor', () => {
  it('uses the first configured workspace, keeps the last diagnosis and tells listeners', async () => {
    const doctor = doctorWith({ settings: { workspaces: ['/ws', '/other'] } });
    const started: unknown[] = [];
    const completed: string[] = [];
    doctor.onStarted((e) => started.push(e));
    const off = doctor.onCompleted((d) => completed.push(d.correlationId));
    expect(doctor.last).toBeNull();
    const result = await doctor.diagnose();
    expect(result.workspace).toBe('/ws');
    expect(doctor.last).toBe(result);
    expect(started).toEqual([{ correlationId: result.correlationId, workspace: '/ws' }]);
    expect(completed).toEqual([result.correlationId]);
    off();
    await doctor.diagnose();
    expect(completed).toHaveLength(1);
  });

  it('falls back to cwd and rejects with DiagnoseInputError when there is nothing to diagnose', async () => {
    const doctor = doctorWith();
    const result = await doctor.diagnose();
    expect(result.workspace).toBe('/cwd');
    await expect(doctor.diagnose({ workspace: '/missing' })).rejects.toBeInstanceOf(DiagnoseInputError);
    expect(doctor.last).toBe(result);
  });

  it('takes the orchestrator URL from settings over the environment, and an explicit option over both', async () => {
    const doctor = doctorWith({
      settings: { orchestratorUrl: 'http://localhost:9999' },
      env: { ORCHESTRATOR_SERVICE_URL: 'http://from-env:8006' },
    });
    expect((await doctor.diagnose({ workspace: '/ws' })).orchestrator).toMatchObject({
      configuredUrl: 'http://localhost:9999',
      configuredFrom: 'settings',
    });
    const explicit = await doctor.diagnose({ workspace: '/ws', orchestratorUrl: 'http://localhost:7777' });
    expect(explicit.orchestrator).toMatchObject({ configuredUrl: 'http://localhost:7777', configuredFrom: 'option' });
    const envOnly = doctorWith({ env: { ORCHESTRATOR_SERVICE_URL: 'http://localhost:8006' } });
    expect((await envOnly.diagnose({ workspace: '/ws' })).orchestrator.configuredFrom).toBe('env:ORCHESTRATOR_SERVICE_URL');
  });

  it('gives a second caller the run in flight for the same workspace, and queues a different request', async () => {
    const doctor = doctorWith({ delayMs: 20 });
    const log: string[] = [];
    doctor.onStarted((e) => log.push(`started ${e.correlationId}`));
    doctor.onCompleted((d) => log.push(`completed ${d.correlationId}`));
    const a = doctor.diagnose({ workspace: '/ws' });
    const b = doctor.diagnose({ workspace: '/ws' });
    expect(b).toBe(a);
    const c = doctor.diagnose({ workspace: '/ws', timeoutMs: 300 });
    const [ra, rc] = await Promise.all([a, c]);
    expect(ra.correlationId).not.toBe(rc.correlationId);
    // Serialised: the second run starts only after the first completed.
    expect(log).toEqual([
      `started ${ra.correlationId}`,
      `completed ${ra.correlationId}`,
      `started ${rc.correlationId}`,
      `completed ${rc.correlationId}`,
    ]);
    expect(doctor.last).toBe(rc);
  });

  it('waits for runs in flight on dispose and refuses new ones', async () => {
    const doctor = doctorWith({ delayMs: 10 });
    const run = doctor.diagnose({ workspace: '/ws' });
    await doctor.dispose();
    await expect(run).resolves.toMatchObject({ workspace: '/ws' });
    await expect(doctor.diagnose()).rejects.toThrow('disposed');
  });
});
