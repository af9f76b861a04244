import { describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../../src/main/app/app.ts';
import { createApp } from '../../../src/main/app/create-app.ts';
import { createChatService } from '../../../src/main/app/create-chat-service.ts';
import { createDiagnosisService } from '../../../src/main/app/create-diagnosis-service.ts';
import { createSettingsStore } from '../../../src/main/adapters/settings/settings-store.ts';
import { silentLogger } from '../../../src/main/core/ports/logger.port.ts';
import { forwardAppEvents } from '../../../src/main/ipc/app-events.ts';
import { createDispatcher } from '../../../src/main/ipc/dispatch.ts';
import { createHandlers } from '../../../src/main/ipc/handlers.ts';
import { toDisposable } from '../../../src/shared/lifecycle/disposable.ts';
import type { Diagnosis, RepairProgress } from '../../../src/shared/model/index.ts';
import { Emitter } from '../../../src/shared/lifecycle/emitter.ts';
import { FakeEngine, FakeNet, MemoryWorkspace, deps } from '../core/diagnosis/fakes.ts';
import { COMPOSE, incidentContainers, incidentNetworks } from '../core/diagnosis/incident-stack.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { FakeChatClient } from './fake-chat-client.ts';
import { idleServices } from './idle-services.ts';

/** The app over in-memory ports: a real diagnosis service (fake engine, network, files) and chat service (fake client). */
function harness(stored: Record<string, unknown> = { workspaces: ['/ws'], refreshIntervalSec: 30 }) {
  const clock = new FakeClock();
  let raw = { ...stored };
  const settings = createSettingsStore({ path: 'memory', read: () => raw, write: (next) => (raw = { ...next }) }, silentLogger);
  const released: string[] = [];
  const workspace = new MemoryWorkspace({ '/ws/compose.yaml': COMPOSE }, ['/cwd']);
  const app = createApp({
    logger: silentLogger,
    settings,
    env: {},
    cwd: '/cwd',
    clock,
    owns: [toDisposable(() => void released.push('log'))],
    createServices: async (context): Promise<AppServices> => {
      const diagnosis = createDiagnosisService({
        ...deps({ engine: new FakeEngine(incidentContainers(), incidentNetworks), net: new FakeNet(), workspace }),
        settings: context.settings,
        cwd: context.cwd,
        env: context.env,
      });
      const chat = createChatService({
        workspaceFiles: workspace,
        settings: context.settings,
        env: {},
        logger: silentLogger,
        workspace: context.workspace,
        lastDiagnosis: () => diagnosis.last,
        newId: () => 'id',
        createClient: (options) => new FakeChatClient(options),
      });
      return {
        // Only disposal is exercised here; the diagnosis has its own read-only fake engine.
        engine: { dispose: () => void released.push('engine') } as unknown as AppServices['engine'],
        diagnosis: { ...diagnosis, dispose: () => diagnosis.dispose().then(() => void released.push('diagnosis')) },
        chat: { ...chat, dispose: () => chat.dispose().then(() => void released.push('chat')) },
        supervisor: {
          onEvent: () => toDisposable(() => undefined),
          dispose: async () => void released.push('supervisor'),
        } as unknown as AppServices['supervisor'],
        ...idleServices(),
        repair: {
          onProgress: new Emitter<RepairProgress>().event,
          dispose: async () => void released.push('repair'),
        } as unknown as AppServices['repair'],
      };
    },
  });
  const pushed: Diagnosis[] = [];
  let started = 0;
  const listen = async () => {
    const services = await app.services();
    app.add(
      forwardAppEvents({ ...services, settings }, (channel, payload) => {
        if (channel === 'diagnosis:started') started += 1;
        if (channel === 'diagnosis:completed') pushed.push(payload as Diagnosis);
      }),
    );
    return services;
  };
  /** Runs started so far; once they all completed (a run takes more turns than the fake clock flushes). */
  const runs = async (): Promise<number> => {
    await vi.waitFor(() => expect(pushed).toHaveLength(started));
    return started;
  };
  return { app, clock, settings, released, pushed, listen, runs };
}

describe('createApp: the periodic check', () => {
  it('diagnoses the app workspace every refreshIntervalSec with nobody asking, and pushes each result', async () => {
    const { app, clock, pushed, listen, runs } = harness();
    await listen();
    await app.startPeriodicCheck();
    await app.startPeriodicCheck(); // idempotent: still one timer
    expect(clock.pending).toBe(1);
    await clock.advance(29_999);
    expect(await runs()).toBe(0);
    await clock.advance(1);
    expect(await runs()).toBe(1);
    expect(pushed.map((d) => d.workspace)).toEqual(['/ws']);
    await clock.advance(30_000);
    expect(await runs()).toBe(2);
    await app.dispose();
  });

  it('restarts its countdown after a manual check', async () => {
    const { app, clock, settings, listen, runs } = harness();
    const { diagnosis, chat } = await listen();
    await app.startPeriodicCheck();
    await clock.advance(20_000);
    const appInfo = { version: '1', workspace: app.workspace(), host: 'serve' as const };
    const dispatch = createDispatcher(createHandlers({ diagnosis, chat, settings, appInfo }), silentLogger);
    expect(await dispatch('diagnosis:run', {})).toMatchObject({ ok: true });
    expect(await runs()).toBe(1);
    await clock.advance(29_000);
    expect(await runs()).toBe(1);
    await clock.advance(1_000);
    expect(await runs()).toBe(2);
    await app.dispose();
  });

  it('re-reads the interval when settings change', async () => {
    const { app, clock, settings, listen, runs } = harness();
    await listen();
    await app.startPeriodicCheck();
    await clock.advance(10_000);
    settings.update({ refreshIntervalSec: 5 });
    await clock.advance(4_999);
    expect(await runs()).toBe(0);
    await clock.advance(1);
    expect(await runs()).toBe(1);
    await clock.advance(5_000);
    expect(await runs()).toBe(2);
    await app.dispose();
  });

  it('does not run unless a long-running face starts it', async () => {
    const { app, clock, listen, runs } = harness();
    await listen();
    await clock.advance(600_000);
    expect(await runs()).toBe(0);
    expect(clock.pending).toBe(0);
    await app.dispose();
  });

  it('hands the faces its own clock, the one the periodic check runs on', async () => {
    const { app, clock } = harness();
    expect(app.clock).toBe(clock);
    await app.dispose();
  });
});

describe('createApp: lifetime', () => {
  it('builds the services once and disposes everything in reverse order: the timer, repair, chat, diagnosis, then the log', async () => {
    const { app, clock, released } = harness();
    const [first, second] = await Promise.all([app.services(), app.services()]);
    expect(second).toBe(first);
    await app.startPeriodicCheck();
    app.add(toDisposable(() => void released.push('transport')));
    await app.dispose();
    expect(released).toEqual(['transport', 'repair', 'supervisor', 'chat', 'diagnosis', 'engine', 'log']);
    expect(clock.pending).toBe(0);
    await expect(app.services()).rejects.toThrow('disposed');
  });

  it('uses the first configured workspace, else cwd, unless the face decides it', async () => {
    expect(harness().app.workspace()).toBe('/ws');
    expect(harness({}).app.workspace()).toBe('/cwd');
    const settings = createSettingsStore({ path: 'memory', read: () => ({ workspaces: ['/a'] }), write: () => undefined }, silentLogger);
    const app = createApp({ logger: silentLogger, settings, env: {}, cwd: '/cwd', workspace: (s) => `${s.workspaces[0]}/sub` });
    expect(app.workspace()).toBe('/a/sub');
  });
});
