import { describe, expect, it } from 'vitest';
import type { AppServices, SettingsStore } from '../../../src/main/app/app.ts';
import { createAppContract } from '../../../src/main/app/app-contract.ts';
import { eventContract, type AppInfo } from '../../../src/shared/contract/index.ts';
import { Emitter } from '../../../src/shared/lifecycle/emitter.ts';

/** Services with one emitter per event the contract forwards, and a bundle that records where it was asked. */
function fakeApp() {
  const emitters = {
    diagnosisStarted: new Emitter<unknown>(),
    diagnosisCompleted: new Emitter<unknown>(),
    settingsChanged: new Emitter<unknown>(),
    chatEvent: new Emitter<unknown>(),
    breakerChanged: new Emitter<unknown>(),
    supervisionEvent: new Emitter<unknown>(),
    smokeProgress: new Emitter<unknown>(),
    logEntries: new Emitter<unknown>(),
    repairProgress: new Emitter<unknown>(),
  };
  const bundled: (string | undefined)[] = [];
  const services = {
    diagnosis: { onStarted: emitters.diagnosisStarted.event, onCompleted: emitters.diagnosisCompleted.event, last: null },
    chat: { onEvent: emitters.chatEvent.event, onBreakerChange: emitters.breakerChanged.event },
    supervisor: { onEvent: emitters.supervisionEvent.event },
    smoke: { onProgress: emitters.smokeProgress.event },
    logs: { onEntries: emitters.logEntries.event },
    repair: { onProgress: emitters.repairProgress.event },
    bundle: {
      create: async (request?: { workspace?: string }) => {
        bundled.push(request?.workspace);
        return { path: '/data/bundles/b-1.tar.gz', bytes: 10 };
      },
    },
  } as unknown as AppServices;
  const settings = { onChange: emitters.settingsChanged.event } as unknown as SettingsStore;
  return { app: { settings }, services, emitters, bundled };
}

describe('createAppContract: the app behind the contract, for every face', () => {
  it('forwards every service event on its contract channel until disposed', () => {
    const { app, services, emitters } = fakeApp();
    const contract = createAppContract(app, services, { appInfo: { version: '1', workspace: '/ws', host: 'serve' } });
    const sent: [string, unknown][] = [];
    const forwarding = contract.forwardEvents((channel, payload) => sent.push([channel, payload]));
    for (const [name, emitter] of Object.entries(emitters)) emitter.emit(name);
    expect(sent).toEqual(Object.keys(emitters).map((name) => [eventContract[name as keyof typeof eventContract].channel, name]));
    forwarding.dispose();
    for (const emitter of Object.values(emitters)) emitter.emit('late');
    expect(sent).toHaveLength(Object.keys(emitters).length);
  });

  it('answers with the face info: its app info, its workspace as read on each call, its bundle download path', async () => {
    const { app, services, bundled } = fakeApp();
    let workspace = '/one';
    const appInfo: AppInfo = {
      version: '2',
      get workspace() {
        return workspace;
      },
      host: 'electron',
    };
    const electron = createAppContract(app, services, { appInfo });
    expect(await electron.handlers.getAppInfo({} as never)).toBe(appInfo);
    expect(await electron.handlers.createBundle({} as never)).toEqual({ path: '/data/bundles/b-1.tar.gz', bytes: 10, downloadPath: null });
    workspace = '/two';
    const serve = createAppContract(app, services, { appInfo, downloadPath: (file) => `/bundles/${file}` });
    expect(await serve.handlers.createBundle({} as never)).toMatchObject({ downloadPath: '/bundles/b-1.tar.gz' });
    expect(bundled).toEqual(['/one', '/two']);
  });
});
