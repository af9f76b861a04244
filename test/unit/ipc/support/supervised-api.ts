import type { DiagnosisService } from '../../../../src/main/app/diagnosis-service.ts';
import { silentLogger } from '../../../../src/main/core/ports/logger.port.ts';
import { forwardAppEvents } from '../../../../src/main/ipc/app-events.ts';
import { createDispatcher } from '../../../../src/main/ipc/dispatch.ts';
import { createHandlers } from '../../../../src/main/ipc/handlers.ts';
import { buildPreloadApi } from '../../../../src/preload/build-api.ts';
import type { AppApi } from '../../../../src/shared/contract/index.ts';
import type { SyncDisposable } from '../../../../src/shared/lifecycle/disposable.ts';
import { Emitter } from '../../../../src/shared/lifecycle/emitter.ts';
import { settingsSchema } from '../../../../src/shared/model/index.ts';
import type { FakeSupervisor } from './fake-supervisor.ts';

/**
 * The renderer's AppApi wired to a supervisor through the real pipeline: preload's api → the dispatcher (zod, handlers,
 * envelopes) → `supervisor`; its events come back through forwardAppEvents. Only Electron's ipc is left out.
 */
export function supervisedApi(supervisor: FakeSupervisor | undefined): { api: AppApi; invoked: string[] } & SyncDisposable {
  const settingsValue = settingsSchema.parse({});
  const settings = { get: () => settingsValue, update: () => settingsValue, onChange: new Emitter<typeof settingsValue>().event };
  const diagnosis = { diagnose: async () => null, last: null, onStarted: () => ({ dispose() {} }), onCompleted: () => ({ dispose() {} }) };
  const handlers = createHandlers({
    diagnosis: diagnosis as unknown as DiagnosisService,
    settings,
    appInfo: { version: '1', workspace: '/w', host: 'serve' },
    ...(supervisor ? { supervisor } : {}),
  });
  const dispatch = createDispatcher(handlers, silentLogger);
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  const invoked: string[] = [];
  const forwarding = forwardAppEvents({ diagnosis, settings, ...(supervisor ? { supervisor } : {}) }, (channel, payload) => {
    for (const listener of listeners.get(channel) ?? []) listener({}, structuredClone(payload));
  });
  const api = buildPreloadApi({
    invoke: async (channel, payload) => {
      invoked.push(channel);
      // What crosses a real transport is a copy, never the supervisor's own objects.
      return structuredClone(await dispatch(channel, structuredClone(payload)));
    },
    on: (channel, listener) => listeners.set(channel, new Set([...(listeners.get(channel) ?? []), listener])),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  });
  return { api, invoked, dispose: () => forwarding.dispose() };
}
