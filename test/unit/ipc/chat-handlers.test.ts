import type { z } from 'zod';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ChatEventPayload, ChatService } from '../../../src/main/app/chat-service.ts';
import type { Doctor } from '../../../src/main/app/doctor.ts';
import { ChatInputError } from '../../../src/main/core/chat/chat-input-error.ts';
import type { ChatOutcome, ChatSendRequest } from '../../../src/main/core/chat/chat-outcome.ts';
import type { CompareResult } from '../../../src/main/core/chat/compare-paths.ts';
import { silentLogger } from '../../../src/main/core/ports/logger.port.ts';
import { forwardChatEvents } from '../../../src/main/ipc/chat-events.ts';
import { createDispatcher } from '../../../src/main/ipc/dispatch.ts';
import { createHandlers } from '../../../src/main/ipc/handlers.ts';
import { forwardDoctorEvents } from '../../../src/main/shell/electron-ipc.ts';
import { eventContract, invokeContract, type EventPayload, type InvokeResponse } from '../../../src/shared/contract/index.ts';
import {
  settingsSchema,
  type BreakerChangeEvent,
  type ChatSendInput,
  type chatOutcomeSchema,
  type compareResultSchema,
} from '../../../src/shared/model/index.ts';

const outcome: ChatOutcome = {
  ok: true,
  correlationId: 'c-1',
  transport: 'ws',
  url: 'ws://x/chat/ws/a/b',
  response: 'hi',
  firstTokenMs: 1,
  totalMs: 2,
};

function fakeChat() {
  const sent: ChatSendInput[] = [];
  const eventListeners = new Set<(payload: ChatEventPayload) => void>();
  const breakerListeners = new Set<(change: BreakerChangeEvent) => void>();
  const chat: ChatService = {
    state: async () => ({ clientId: 'cl', sessionId: 's-1', journeys: [], breakers: [], setupError: null }),
    send: async (request) => {
      if (request.journey === 'nope') throw new ChatInputError('unknown journey "nope"');
      sent.push(request);
      return outcome;
    },
    compare: async () => ({
      ws: outcome,
      http: { ...outcome, transport: 'http' },
      bothAnswered: true,
      agree: true,
      summary: 'Both paths answered the same.',
    }),
    newSession: async () => ({ sessionId: 's-2' }),
    onEvent: (listener) => {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onBreakerChange: (listener) => {
      breakerListeners.add(listener);
      return () => breakerListeners.delete(listener);
    },
    dispose: async () => undefined,
  };
  return { chat, sent, eventListeners, breakerListeners };
}

const doctor: Doctor = {
  diagnose: async () => Promise.reject(new Error('unused')),
  last: null,
  onStarted: () => () => undefined,
  onCompleted: () => () => undefined,
  dispose: async () => undefined,
};
const settings = { get: () => settingsSchema.parse({}), update: () => settingsSchema.parse({}), onChange: () => () => undefined };
const appInfo = { version: '1', workspace: '/w', host: 'serve' as const };

describe('chat handlers through the dispatcher', () => {
  it('answers each chat channel with a schema-valid value', async () => {
    const { chat, sent } = fakeChat();
    const dispatch = createDispatcher(createHandlers({ doctor, settings, appInfo, chat }), silentLogger);
    const state = await dispatch('chat:state', {});
    expect(state.ok && invokeContract.getChatState.response.parse(state.value)).toMatchObject({ sessionId: 's-1' });
    const send = await dispatch('chat:send', {
      message: 'hi',
      transport: 'ws',
      pinnedTarget: 'http://127.0.0.1:9/',
      correlationId: 'pane-3f2a9c1e',
    });
    expect(send.ok && invokeContract.sendChat.response.parse(send.value)).toEqual(outcome);
    expect(sent).toEqual([{ message: 'hi', transport: 'ws', pinnedTarget: 'http://127.0.0.1:9/', correlationId: 'pane-3f2a9c1e' }]);
    const compare = await dispatch('chat:compare', { message: 'hi' });
    expect(compare.ok && invokeContract.compareChatPaths.response.parse(compare.value)).toMatchObject({ agree: true });
    expect(await dispatch('chat:new-session', {})).toEqual({ ok: true, value: { sessionId: 's-2' } });
  });

  it('refuses invalid payloads before the service and maps input errors to INVALID_REQUEST', async () => {
    const { chat, sent } = fakeChat();
    const dispatch = createDispatcher(createHandlers({ doctor, settings, appInfo, chat }), silentLogger);
    for (const payload of [
      { message: 'hi', transport: 'carrier-pigeon' },
      { message: 'hi', transport: 'ws', pinnedTarget: 'not a url' },
      { message: 'hi', transport: 'ws', extra: 1 },
      { message: 'hi', transport: 'ws', correlationId: 'x\r\nSet-Cookie: a' },
      { message: 'hi', transport: 'ws', correlationId: 'short' },
      null,
    ]) {
      expect(await dispatch('chat:send', payload)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
    expect(await dispatch('chat:compare', { message: 'hi', transport: 'ws' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    });
    expect(await dispatch('chat:send', { message: 'hi', transport: 'ws', journey: 'nope' })).toEqual({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: 'unknown journey "nope"' },
    });
    expect(sent).toEqual([]);
  });

  it('without a chat service the chat channels answer INTERNAL', async () => {
    const dispatch = createDispatcher(createHandlers({ doctor, settings, appInfo }), silentLogger);
    expect(await dispatch('chat:state', {})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: 'chat is not available in this host' },
    });
  });
});

describe('forwardChatEvents', () => {
  it('sends chat and breaker events on their contract channels and unsubscribes', () => {
    const { chat, eventListeners, breakerListeners } = fakeChat();
    const sent: Array<[string, unknown]> = [];
    const off = forwardChatEvents(chat, (channel, payload) => sent.push([channel, payload]));
    const event: ChatEventPayload = { transport: 'ws', event: { type: 'status', correlationId: 'c', status: 'processing' } };
    const change: BreakerChangeEvent = {
      target: 'http://localhost:8006',
      state: 'open',
      previous: 'closed',
      at: 'now',
      lastFailure: 'TIMEOUT',
    };
    eventListeners.forEach((listener) => listener(event));
    breakerListeners.forEach((listener) => listener(change));
    expect(sent).toEqual([
      [eventContract.chatEvent.channel, event],
      [eventContract.breakerChanged.channel, change],
    ]);
    expect(eventContract.chatEvent.payload.parse(sent[0]?.[1])).toEqual(event);
    off();
    expect([eventListeners.size, breakerListeners.size]).toEqual([0, 0]);
  });
});

describe('forwardDoctorEvents (the Electron bridge)', () => {
  it('also forwards the chat service events when given one, and stops after dispose', () => {
    const { chat, eventListeners, breakerListeners } = fakeChat();
    const sent: string[] = [];
    const off = forwardDoctorEvents({ doctor, settings, chat, send: (channel) => sent.push(channel) });
    eventListeners.forEach((listener) =>
      listener({ transport: 'http', event: { type: 'status', correlationId: 'c', status: 'processing' } }),
    );
    breakerListeners.forEach((listener) => listener({ target: 't', state: 'half-open', previous: 'open', at: 'now' }));
    expect(sent).toEqual(['chat:event', 'chat:breaker']);
    off();
    expect([eventListeners.size, breakerListeners.size]).toEqual([0, 0]);
  });
});

describe('core chat types are the contract types', () => {
  it('ChatOutcome, CompareResult, the send request and events cannot drift from the shared schemas', () => {
    expectTypeOf<ChatOutcome>().toEqualTypeOf<z.infer<typeof chatOutcomeSchema>>();
    expectTypeOf<CompareResult>().toEqualTypeOf<z.infer<typeof compareResultSchema>>();
    expectTypeOf<InvokeResponse<'sendChat'>>().toEqualTypeOf<ChatOutcome>();
    expectTypeOf<ChatSendInput>().toExtend<ChatSendRequest>();
    expectTypeOf<ChatEventPayload>().toEqualTypeOf<EventPayload<'chatEvent'>>();
    expectTypeOf<BreakerChangeEvent>().toEqualTypeOf<EventPayload<'breakerChanged'>>();
  });
});
