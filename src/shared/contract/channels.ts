import { z } from 'zod';
import {
  breakerChangeSchema,
  chatEventSchema,
  chatOutcomeSchema,
  chatSendRequestSchema,
  chatStateSchema,
  chatTransportSchema,
  compareResultSchema,
} from '../model/chat.ts';
import { diagnosisSchema } from '../model/diagnosis.ts';
import { settingsPatchSchema, settingsSchema } from '../model/settings.ts';
import { supervisionEvents, supervisionInvokes } from './supervision.channels.ts';
import { smokeEventContract, smokeInvokeContract } from './smoke-channels.ts';
import { repairEventContract, repairInvokeContract } from './repair-channels.ts';

const empty = z.object({}).strict();

export const appInfoSchema = z.object({
  version: z.string(),
  /** The workspace diagnosed when `runDiagnosis` names none. */
  workspace: z.string(),
  /** `electron` inside the tray app, `serve` in a browser. */
  host: z.enum(['electron', 'serve']),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/**
 * Every renderer → main call, once. The key is the function name the preload and the ws client expose;
 * `channel` is the wire name. Types elsewhere come from these schemas.
 */
export const invokeContract = {
  getAppInfo: { channel: 'app:info', request: empty, response: appInfoSchema },
  runDiagnosis: {
    channel: 'diagnosis:run',
    request: z.object({ workspace: z.string().min(1).optional() }).strict(),
    response: diagnosisSchema,
  },
  getLastDiagnosis: { channel: 'diagnosis:last', request: empty, response: diagnosisSchema.nullable() },
  getSettings: { channel: 'settings:get', request: empty, response: settingsSchema },
  updateSettings: { channel: 'settings:update', request: settingsPatchSchema.strict(), response: settingsSchema },
  getChatState: { channel: 'chat:state', request: empty, response: chatStateSchema },
  /** Resolves when the exchange ends; its events stream meanwhile as `chatEvent`. */
  sendChat: { channel: 'chat:send', request: chatSendRequestSchema, response: chatOutcomeSchema },
  compareChatPaths: {
    channel: 'chat:compare',
    request: chatSendRequestSchema.omit({ transport: true }),
    response: compareResultSchema,
  },
  /** Starts a new server-side session (the pane's "Clear"); answers the new session id. */
  newChatSession: { channel: 'chat:new-session', request: empty, response: z.object({ sessionId: z.string() }) },
  ...supervisionInvokes,
  ...smokeInvokeContract,
  ...repairInvokeContract,
} as const;

/** Every main → renderer event, once. */
export const eventContract = {
  diagnosisStarted: {
    channel: 'diagnosis:started',
    payload: z.object({ correlationId: z.string(), workspace: z.string() }),
  },
  diagnosisCompleted: { channel: 'diagnosis:completed', payload: diagnosisSchema },
  settingsChanged: { channel: 'settings:changed', payload: settingsSchema },
  /** Every event of every exchange, tagged with the transport it came from (Compare sends on two). */
  chatEvent: { channel: 'chat:event', payload: z.object({ transport: chatTransportSchema, event: chatEventSchema }) },
  breakerChanged: { channel: 'chat:breaker', payload: breakerChangeSchema },
  ...supervisionEvents,
  ...smokeEventContract,
  ...repairEventContract,
} as const;

export type InvokeContract = typeof invokeContract;
export type InvokeName = keyof InvokeContract;
export type EventContract = typeof eventContract;
export type EventName = keyof EventContract;

export type InvokeRequest<K extends InvokeName> = z.input<InvokeContract[K]['request']>;
export type InvokeResponse<K extends InvokeName> = z.infer<InvokeContract[K]['response']>;
export type EventPayload<K extends EventName> = z.infer<EventContract[K]['payload']>;

export const invokeNames = Object.keys(invokeContract) as InvokeName[];
export const eventNames = Object.keys(eventContract) as EventName[];

export function invokeNameForChannel(channel: string): InvokeName | undefined {
  return invokeNames.find((name) => invokeContract[name].channel === channel);
}
