import { eventContract, fail, invokeContract, invokeNames, type AppApi, type EventName, type Result } from '../shared/contract/index.ts';
import { errorMessage } from '../shared/error-message.ts';
import { toDisposable } from '../shared/lifecycle/disposable.ts';

/** The part of `ipcRenderer` the api needs; kept narrow so the builder is testable without Electron. */
export interface IpcRendererLike {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

/**
 * `window.api`, derived from the contract: one named function per invoke channel and `on(event)` limited
 * to the contract's events. Nothing generic (no `invoke(channel)`, no ipcRenderer) crosses the bridge.
 */
export function buildPreloadApi(ipc: IpcRendererLike): AppApi {
  const api: Record<string, unknown> = {};
  for (const name of invokeNames) {
    const { channel } = invokeContract[name];
    api[name] = async (request?: unknown): Promise<Result<unknown>> => {
      try {
        return (await ipc.invoke(channel, request ?? {})) as Result<unknown>;
      } catch (error) {
        // invoke rejects when main has no handler (yet) or the window is being torn down.
        return fail('DISCONNECTED', errorMessage(error));
      }
    };
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!Object.hasOwn(eventContract, event)) throw new TypeError(`Unknown Stack Doctor event "${String(event)}".`);
    // The renderer gets the payload only, never the IpcRendererEvent (it would expose `sender`).
    const wrapped = (_event: unknown, payload: unknown): void => listener(payload);
    const { channel } = eventContract[event];
    ipc.on(channel, wrapped);
    return toDisposable(() => {
      ipc.removeListener(channel, wrapped);
    });
  };
  return api as AppApi;
}
