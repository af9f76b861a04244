import type { IpcMainInvokeEvent } from 'electron';
import { fail, invokeContract, invokeNames } from '../../shared/contract/index.ts';
import { toDisposable, type SyncDisposable } from '../../shared/lifecycle/disposable.ts';
import type { Logger } from '../core/ports/logger.port.ts';
import type { Dispatch } from '../ipc/dispatch.ts';

/** The part of `ipcMain` the bridge uses; a narrow type keeps the bridge testable without Electron. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcBridgeOptions {
  ipcMain: IpcMainLike;
  dispatch: Dispatch;
  /** Decides from the sending frame's URL whether the call comes from our renderer. */
  isTrustedSender: (frameUrl: string | undefined) => boolean;
  logger: Logger;
}

/**
 * Registers one `ipcMain.handle` per invoke channel of the contract: refuse untrusted senders with a
 * FORBIDDEN envelope, otherwise hand the untrusted payload to the dispatcher (which zod-parses it).
 * Disposing it removes every handler.
 */
export function registerIpcBridge({ ipcMain, dispatch, isTrustedSender, logger }: IpcBridgeOptions): SyncDisposable {
  const channels = invokeNames.map((name) => invokeContract[name].channel);
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, payload) => {
      // senderFrame is null when the frame navigated away or was destroyed before the call arrived.
      const frameUrl = event.senderFrame?.url;
      if (!isTrustedSender(frameUrl)) {
        logger.warn({ channel, frameUrl: frameUrl ?? null }, 'ipc call from an untrusted sender refused');
        return fail('FORBIDDEN', `${channel}: sender is not the Stack Doctor window.`);
      }
      return dispatch(channel, payload);
    });
  }
  return toDisposable(() => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  });
}
