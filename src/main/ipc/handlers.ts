import type { AppInfo } from '../../shared/contract/index.ts';
import type { ChatService } from '../app/chat-service.ts';
import type { DiagnosisService } from '../app/diagnosis-service.ts';
import type { SupervisorService } from '../app/supervisor-service.ts';
import type { SettingsPort } from '../core/ports/settings.port.ts';
import type { RepairAppService } from '../app/repair-app-service.ts';
import type { Handlers } from './dispatch.ts';
import { createSupervisionHandlers } from './supervision-handlers.ts';
import { createSmokeHandlers, unavailableSmokeHandlers, type SmokeHandlerDeps } from './smoke-handlers.ts';
import { createRepairHandlers } from './repair-handlers.ts';

export interface HandlerDeps {
  diagnosis: Pick<DiagnosisService, 'diagnose' | 'last'>;
  settings: SettingsPort;
  appInfo: AppInfo;
  /**
   * The chat pane's service. Both shells pass one; without it (tests of other channels) the chat channels
   * answer INTERNAL "chat is not available".
   */
  chat?: ChatService;
  /** `services.supervisor`; without it the supervision channels answer UNAVAILABLE. */
  supervisor?: SupervisorService;
  /** Smoke, logs and bundle (ipc/smoke-handlers.ts); without them those channels answer INTERNAL. */
  smoke?: SmokeHandlerDeps;
  /** One-click repair; without it the repair channels answer INTERNAL "repair is not available". */
  repair?: RepairAppService;
}

const unavailable = (): never => {
  throw new Error('chat is not available in this host');
};

/** The contract's handlers, shared by the Electron shell and serve mode. */
export function createHandlers({ diagnosis, settings, appInfo, chat, supervisor, smoke, repair }: HandlerDeps): Handlers {
  return {
    getAppInfo: async () => appInfo,
    runDiagnosis: async ({ workspace }) => diagnosis.diagnose({ workspace: workspace ?? appInfo.workspace }),
    getLastDiagnosis: async () => diagnosis.last,
    getSettings: async () => settings.get(),
    updateSettings: async (patch) => settings.update(patch),
    getChatState: async () => (chat ? chat.state() : unavailable()),
    sendChat: async (request) => (chat ? chat.send(request) : unavailable()),
    compareChatPaths: async (request) => (chat ? chat.compare(request) : unavailable()),
    newChatSession: async () => (chat ? chat.newSession() : unavailable()),
    ...createSupervisionHandlers(supervisor),
    ...(smoke ? createSmokeHandlers(smoke) : unavailableSmokeHandlers()),
    ...createRepairHandlers(repair, () => appInfo.workspace),
  };
}
