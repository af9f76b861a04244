import type { z } from 'zod';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ChatEventPayload, ChatService } from '../../../src/main/app/chat-service.ts';
import type { DiagnosisService } from '../../../src/main/app/diagnosis-service.ts';
import { ChatInputError } from '../../../src/main/core/chat/chat-input-error.ts';
import type { ChatOutcome, ChatSendRequest } from '../../../src/main/core/chat/chat-outcome.ts';
import type { CompareResult } from '../../../src/main/core/chat/compare-paths.ts';
import { silentLogger } from '../../../src/main/core/ports/logger.port.ts';
import { forwardAppEvents, forwardChatEvents } from '../../../src/main/ipc/app-events.ts';
import { createDispatcher } from '../../../src/main/ipc/dispatch.ts';
import { createHandlers } from '../../../src/main/ipc/handlers.ts';
import { Emitter } from '../../../src/shared/lifecycle/emitter.ts';
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
  const events = new Emitter<ChatEventPayload>();
  const breakerChanges = new Emitter<BreakerChangeEvent>();
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
    breakerStates: () => [],
    resetBreaker: async () => undefined,
    onEvent: events.event,
    onBreakerChange: breakerChanges.event,
    dispose: async () => undefined,
  };
  return { chat, sent, events, breakerChanges };
}

const diagnosis: Pick<DiagnosisService, 'diagnose' | 'last' | 'onStarted' | 'onCompleted'> = {
  diagnose: async () => Promise.reject(new Error('unused')),
  last: null,
  onStarted: new Emitter<{ correlationId: string; workspace: string }>().event,
  onCompleted: new Emitter<never>().event,
};
const settings = {
  get: () => settingsSchema.parse({}),
  update: () => settingsSchema.parse({}),
  onChange: new Emitter<ReturnType<typeof settingsSchema.parse>>().event,
};
const appInfo = { version: '1', workspace: '/w', host: 'serve' as const };

describe('chat handlers through the dispatcher', () => {
  it('answers each chat channel with a schema-valid value', async () => {
    const { chat, sent } = fakeChat();
    const dispatch = createDispatcher(createHandlers({ diagnosis, settings, appInfo, chat }), silentLogger);
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
    const dispatch = createDispatcher(createHandlers({ diagnosis, settings, appInfo, chat }), silentLogger);
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
    const dispatch = createDispatcher(createHandlers({ diagnosis, settings, appInfo }), silentLogger);
    expect(await dispatch('chat:state', {})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: 'chat is not available in this host' },
    });
  });
});

describe('forwardChatEvents', () => {
  it('sends chat and breaker events on their contract channels and unsubscribes', () => {
    const { chat, events, breakerChanges } = fakeChat();
    const sent: Array<[string, unknown]> = [];
    const forwarding = forwardChatEvents(chat, (channel, payload) => sent.push([channel, payload]));
    const event: ChatEventPayload = { transport: 'ws', event: { type: 'status', correlationId: 'c', status: 'processing' } };
    const change: BreakerChangeEvent = {
      target: 'http://localhost:8006',
      state: 'open',
      previous: 'closed',
      at: 'now',
      lastFailure: 'TIMEOUT',
    };
    events.emit(event);
    breakerChanges.emit(change);
    expect(sent).toEqual([
      [eventContract.chatEvent.channel, event],
      [eventContract.breakerChanged.channel, change],
    ]);
    expect(eventContract.chatEvent.payload.parse(sent[0]?.[1])).toEqual(event);
    forwarding.dispose();
    expect([events.listenerCount, breakerChanges.listenerCount]).toEqual([0, 0]);
  });
});

describe('forwardAppEvents (the Electron bridge and serve mode)', () => {
  it('also forwards the chat service events when given one, and stops after dispose', () => {
    const { chat, events, breakerChanges } = fakeChat();
    const sent: string[] = [];
    const forwarding = forwardAppEvents({ diagnosis, settings, chat }, (channel) => sent.push(channel));
    events.emit({ transport: 'http', event: { type: 'status', correlationId: 'c', status: 'processing' } });
    breakerChanges.emit({ target: 't', state: 'half-open', previous: 'open', at: 'now' });
    expect(sent).toEqual(['chat:event', 'chat:breaker']);
    forwarding.dispose();
    expect([events.listenerCount, breakerChanges.listenerCount]).toEqual([0, 0]);
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
