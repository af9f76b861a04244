import { describe, expect, it } from 'vitest';
import { invokeContract, invokeNames } from '../../../src/shared/contract/index.ts';
import { buildPreloadApi, type IpcRendererLike } from '../../../src/preload/build-api.ts';

type Listener = (event: unknown, payload: unknown) => void;

function fakeIpcRenderer(answer: (channel: string, payload: unknown) => Promise<unknown>) {
  const listeners = new Map<string, Set<Listener>>();
  const ipc: IpcRendererLike = {
    invoke: answer,
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const emit = (channel: string, payload: unknown) => listeners.get(channel)?.forEach((l) => l({ sender: 'secret' }, payload));
  return { ipc, listeners, emit };
}

describe('buildPreloadApi', () => {
  it('exposes exactly one function per invoke channel plus on, and nothing generic', () => {
    const api = buildPreloadApi(fakeIpcRenderer(async () => null).ipc);
    expect(Object.keys(api).sort()).toEqual([...invokeNames, 'on'].sort());
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it('invokes each function on its contract channel with the request', async () => {
    const calls: Array<[string, unknown]> = [];
    const api = buildPreloadApi(
      fakeIpcRenderer(async (channel, payload) => {
        calls.push([channel, payload]);
        return { ok: true, value: channel };
      }).ipc,
    );
    await expect(api.runDiagnosis({ workspace: '/w' })).resolves.toEqual({ ok: true, value: 'diagnosis:run' });
    await api.getSettings({});
    expect(calls).toEqual([
      [invokeContract.runDiagnosis.channel, { workspace: '/w' }],
      [invokeContract.getSettings.channel, {}],
    ]);
  });

  it('turns a rejected invoke into a DISCONNECTED envelope', async () => {
    const api = buildPreloadApi(fakeIpcRenderer(async () => Promise.reject(new Error('No handler registered'))).ipc);
    await expect(api.getAppInfo({})).resolves.toEqual({ ok: false, error: { code: 'DISCONNECTED', message: 'No handler registered' } });
  });

  it('subscribes to contract events only, passes the payload without the ipc event, and unsubscribes', () => {
    const { ipc, listeners, emit } = fakeIpcRenderer(async () => null);
    const api = buildPreloadApi(ipc);
    const received: unknown[][] = [];
    const subscription = api.on('diagnosisStarted', (...args: unknown[]) => received.push(args));
    emit('diagnosis:started', { correlationId: 'c', workspace: '/w' });
    expect(received).toEqual([[{ correlationId: 'c', workspace: '/w' }]]);
    subscription.dispose();
    expect(listeners.get('diagnosis:started')?.size).toBe(0);
    expect(() => api.on('ipc:anything' as never, () => undefined)).toThrow(TypeError);
  });
});
