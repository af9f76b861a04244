import type { AppInfo } from '../../shared/contract/index.ts';
import type { ChatService } from '../app/chat-service.ts';
import type { Doctor } from '../app/doctor.ts';
import type { SettingsPort } from '../core/ports/settings.port.ts';
import type { Handlers } from './dispatch.ts';

export interface HandlerDeps {
  doctor: Doctor;
  settings: SettingsPort;
  appInfo: AppInfo;
  /**
   * The chat pane's service. Both shells pass one; without it (tests of other channels) the chat channels
   * answer INTERNAL "chat is not available".
   */
  chat?: ChatService;
}

const unavailable = (): never => {
  throw new Error('chat is not available in this host');
};

/** The contract's handlers, shared by the Electron shell and serve mode. */
export function createHandlers({ doctor, settings, appInfo, chat }: HandlerDeps): Handlers {
  return {
    getAppInfo: async () => appInfo,
    runDiagnosis: async ({ workspace }) => doctor.diagnose({ workspace: workspace ?? appInfo.workspace }),
    getLastDiagnosis: async () => doctor.last,
    getSettings: async () => settings.get(),
    updateSettings: async (patch) => settings.update(patch),
    getChatState: async () => (chat ? chat.state() : unavailable()),
    sendChat: async (request) => (chat ? chat.send(request) : unavailable()),
    compareChatPaths: async (request) => (chat ? chat.compare(request) : unavailable()),
    newChatSession: async () => (chat ? chat.newSession() : unavailable()),
  };
}
