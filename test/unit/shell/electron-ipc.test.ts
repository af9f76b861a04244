import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { eventContract, invokeContract, invokeNames } from '../../../src/shared/contract/index.ts';
import { settingsSchema, type Diagnosis, type Settings } from '../../../src/shared/model/index.ts';
import { silentLogger } from '../../../src/main/core/ports/logger.port.ts';
import { createDispatcher } from '../../../src/main/ipc/dispatch.ts';
import { createHandlers } from '../../../src/main/ipc/handlers.ts';
import { forwardAppEvents } from '../../../src/main/ipc/app-events.ts';
import { registerIpcBridge, type IpcMainLike } from '../../../src/main/shell/electron-ipc.ts';
import { Emitter } from '../../../src/shared/lifecycle/emitter.ts';
import { diagnosis } from '../renderer/diagnosis-fixture.ts';

type Listener = (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
  const call = (channel: string, payload: unknown, frameUrl: string | null) =>
    handlers.get(channel)!({ senderFrame: frameUrl === null ? null : { url: frameUrl } } as unknown as IpcMainInvokeEvent, payload);
  return { ipc, handlers, call };
}

function listeners<T>() {
  const emitter = new Emitter<T>();
  return { on: emitter.event, emit: (value: T) => emitter.emit(value), size: () => emitter.listenerCount };
}

function setup() {
  const started = listeners<{ correlationId: string; workspace: string }>();
  const completed = listeners<Diagnosis>();
  const changed = listeners<Settings>();
  let current = settingsSchema.parse({});
  const settings = {
    get: () => current,
    update: (patch: Partial<Settings>) => (current = { ...current, ...patch }),
    onChange: changed.on,
  };
  const d = diagnosis();
  const service = {
    diagnose: async () => d,
    last: d,
    onStarted: started.on,
    onCompleted: completed.on,
  };
  const dispatch = createDispatcher(
    createHandlers({ diagnosis: service, settings, appInfo: { version: '1', workspace: '/w', host: 'electron' } }),
    silentLogger,
  );
  return { started, completed, changed, service, settings, dispatch, d };
}

const trusted = 'file:///app/out/renderer/index.html';

describe('registerIpcBridge', () => {
  it('registers exactly one handler per contract channel and removes them on dispose', () => {
    const { ipc, handlers } = fakeIpcMain();
    const bridge = registerIpcBridge({ ipcMain: ipc, dispatch: setup().dispatch, isTrustedSender: () => true, logger: silentLogger });
    expect([...handlers.keys()].sort()).toEqual(invokeNames.map((name) => invokeContract[name].channel).sort());
    bridge.dispose();
    expect(handlers.size).toBe(0);
  });

  it('answers a trusted sender through the dispatcher', async () => {
    const { ipc, call } = fakeIpcMain();
    const { dispatch, d } = setup();
    registerIpcBridge({ ipcMain: ipc, dispatch, isTrustedSender: (url) => url === trusted, logger: silentLogger });
    await expect(call('diagnosis:last', {}, trusted)).resolves.toEqual({ ok: true, value: d });
    await expect(call('settings:update', { refreshIntervalSec: 1 }, trusted)).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    });
  });

  it('refuses an untrusted or vanished sender with FORBIDDEN and never dispatches', async () => {
    const { ipc, call } = fakeIpcMain();
    let dispatched = 0;
    registerIpcBridge({
      ipcMain: ipc,
      dispatch: async () => {
        dispatched++;
        return { ok: true, value: null };
      },
      isTrustedSender: (url) => url === trusted,
      logger: silentLogger,
    });
    await expect(call('diagnosis:run', {}, 'https://evil.example/')).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await expect(call('diagnosis:run', {}, null)).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dispatched).toBe(0);
  });
});

describe('forwardAppEvents', () => {
  it('sends diagnosis and settings events on their contract channels and stops after dispose', () => {
    const { started, completed, changed, service, settings, d } = setup();
    const sent: Array<[string, unknown]> = [];
    const forwarding = forwardAppEvents({ diagnosis: service, settings }, (channel, payload) => sent.push([channel, payload]));
    started.emit({ correlationId: 'c-1', workspace: '/w' });
    completed.emit(d);
    changed.emit(settings.get());
    expect(sent).toEqual([
      [eventContract.diagnosisStarted.channel, { correlationId: 'c-1', workspace: '/w' }],
      [eventContract.diagnosisCompleted.channel, d],
      [eventContract.settingsChanged.channel, settings.get()],
    ]);
    forwarding.dispose();
    expect([started.size(), completed.size(), changed.size()]).toEqual([0, 0, 0]);
  });
});
