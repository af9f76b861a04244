import type { IpcMainInvokeEvent } from 'electron';
import { eventContract, fail, invokeContract, invokeNames } from '../../shared/contract/index.ts';
import type { ChatService } from '../app/chat-service.ts';
import type { Doctor } from '../app/doctor.ts';
import type { Logger } from '../core/ports/logger.port.ts';
import type { SettingsPort } from '../core/ports/settings.port.ts';
import { forwardChatEvents } from '../ipc/chat-events.ts';
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
 * Returns a disposer that removes every handler.
 */
export function registerIpcBridge({ ipcMain, dispatch, isTrustedSender, logger }: IpcBridgeOptions): () => void {
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
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/** Sends one contract event; a narrow shape of `webContents.send` on a live window. */
export type EventSink = (channel: string, payload: unknown) => void;

export interface EventForwardingOptions {
  doctor: Pick<Doctor, 'onStarted' | 'onCompleted'>;
  settings: Pick<SettingsPort, 'onChange'>;
  /** The chat pane's service: its exchange and breaker events go out as `chat:event` / `chat:breaker`. */
  chat?: Pick<ChatService, 'onEvent' | 'onBreakerChange'>;
  /** Where to send; called per event so a recreated or hidden window still gets them. */
  send: EventSink;
}

/** Forwards the doctor's, the settings' and the chat service's events to the renderer on their contract channels. */
export function forwardDoctorEvents({ doctor, settings, chat, send }: EventForwardingOptions): () => void {
  const disposers = [
    doctor.onStarted((payload) => send(eventContract.diagnosisStarted.channel, payload)),
    doctor.onCompleted((diagnosis) => send(eventContract.diagnosisCompleted.channel, diagnosis)),
    settings.onChange((value) => send(eventContract.settingsChanged.channel, value)),
    ...(chat ? [forwardChatEvents(chat, send)] : []),
  ];
  return () => {
    for (const dispose of disposers) dispose();
  };
}
