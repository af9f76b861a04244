import { describe, expect, it } from 'vitest';
import { createDiagnosisService } from '../../../src/main/app/create-diagnosis-service.ts';
import type { SettingsPort } from '../../../src/main/core/ports/settings.port.ts';
import { Emitter } from '../../../src/shared/lifecycle/emitter.ts';
import { DiagnoseInputError } from '../../../src/main/core/errors.ts';
import { settingsSchema, type Settings } from '../../../src/shared/model/index.ts';
import { FakeEngine, FakeNet, MemoryWorkspace, deps } from '../core/diagnosis/fakes.ts';
import { COMPOSE, incidentContainers, incidentNetworks } from '../core/diagnosis/incident-stack.ts';

function settingsPort(over: Partial<Settings> = {}): SettingsPort {
  let value = settingsSchema.parse(over);
  return {
    get: () => value,
    update: (patch) => (value = { ...value, ...patch }),
    onChange: new Emitter<Settings>().event,
  };
}

function serviceWith(over: { settings?: Partial<Settings>; env?: Record<string, string>; events?: string[]; delayMs?: number } = {}) {
  const net = new FakeNet(
    { 'http http://localhost:8006/health': { delayMs: over.delayMs ?? 0, detail: { status: 200 } } },
    over.events ?? [],
    over.delayMs ?? 0,
  );
  const workspace = new MemoryWorkspace({ '/ws/compose.yaml': COMPOSE }, ['/cwd']);
  return createDiagnosisService({
    ...deps({ engine: new FakeEngine(incidentContainers(), incidentNetworks), net, workspace }),
    settings: settingsPort(over.settings),
    cwd: '/cwd',
    env: over.env ?? {},
  });
}

describe('createDiagnosisService', () => {
  it('uses the first configured workspace, keeps the last diagnosis and tells listeners', async () => {
    const diagnosis = serviceWith({ settings: { workspaces: ['/ws', '/other'] } });
    const started: unknown[] = [];
    const completed: string[] = [];
    diagnosis.onStarted((e) => started.push(e));
    const subscription = diagnosis.onCompleted((d) => completed.push(d.correlationId));
    expect(diagnosis.last).toBeNull();
    const result = await diagnosis.diagnose();
    expect(result.workspace).toBe('/ws');
    expect(diagnosis.last).toBe(result);
    expect(started).toEqual([{ correlationId: result.correlationId, workspace: '/ws' }]);
    expect(completed).toEqual([result.correlationId]);
    subscription.dispose();
    await diagnosis.diagnose();
    expect(completed).toHaveLength(1);
  });

  it('falls back to cwd and rejects with DiagnoseInputError when there is nothing to diagnose', async () => {
    const diagnosis = serviceWith();
    const result = await diagnosis.diagnose();
    expect(result.workspace).toBe('/cwd');
    await expect(diagnosis.diagnose({ workspace: '/missing' })).rejects.toBeInstanceOf(DiagnoseInputError);
    expect(diagnosis.last).toBe(result);
  });

  it('takes the orchestrator URL from settings over the environment, and an explicit option over both', async () => {
    const diagnosis = serviceWith({
      settings: { orchestratorUrl: 'http://localhost:9999' },
      env: { ORCHESTRATOR_SERVICE_URL: 'http://from-env:8006' },
    });
    expect((await diagnosis.diagnose({ workspace: '/ws' })).orchestrator).toMatchObject({
      configuredUrl: 'http://localhost:9999',
      configuredFrom: 'settings',
    });
    const explicit = await diagnosis.diagnose({ workspace: '/ws', orchestratorUrl: 'http://localhost:7777' });
    expect(explicit.orchestrator).toMatchObject({ configuredUrl: 'http://localhost:7777', configuredFrom: 'option' });
    const envOnly = serviceWith({ env: { ORCHESTRATOR_SERVICE_URL: 'http://localhost:8006' } });
    expect((await envOnly.diagnose({ workspace: '/ws' })).orchestrator.configuredFrom).toBe('env:ORCHESTRATOR_SERVICE_URL');
  });

  it('gives a second caller the run in flight for the same workspace, and queues a different request', async () => {
    const diagnosis = serviceWith({ delayMs: 20 });
    const log: string[] = [];
    diagnosis.onStarted((e) => log.push(`started ${e.correlationId}`));
    diagnosis.onCompleted((d) => log.push(`completed ${d.correlationId}`));
    const a = diagnosis.diagnose({ workspace: '/ws' });
    const b = diagnosis.diagnose({ workspace: '/ws' });
    expect(b).toBe(a);
    const c = diagnosis.diagnose({ workspace: '/ws', timeoutMs: 300 });
    const [ra, rc] = await Promise.all([a, c]);
    expect(ra.correlationId).not.toBe(rc.correlationId);
    // Serialised: the second run starts only after the first completed.
    expect(log).toEqual([
      `started ${ra.correlationId}`,
      `completed ${ra.correlationId}`,
      `started ${rc.correlationId}`,
      `completed ${rc.correlationId}`,
    ]);
    expect(diagnosis.last).toBe(rc);
  });

  it('waits for runs in flight on dispose and refuses new ones', async () => {
    const diagnosis = serviceWith({ delayMs: 10 });
    const run = diagnosis.diagnose({ workspace: '/ws' });
    await diagnosis.dispose();
    await expect(run).resolves.toMatchObject({ workspace: '/ws' });
    await expect(diagnosis.diagnose()).rejects.toThrow('disposed');
  });

  it('is checking while runs are in flight, including failed ones, and reports each flip once', async () => {
    const diagnosis = serviceWith({ delayMs: 20 });
    const flips: boolean[] = [];
    diagnosis.onCheckingChange((checking) => flips.push(checking));
    const failing = diagnosis.diagnose({ workspace: '/missing' });
    const passing = diagnosis.diagnose({ workspace: '/ws' });
    expect(diagnosis.checking).toBe(true);
    await expect(failing).rejects.toBeInstanceOf(DiagnoseInputError);
    expect(diagnosis.checking).toBe(true);
    await passing;
    expect(diagnosis.checking).toBe(false);
    expect(flips).toEqual([true, false]);
  });
});
