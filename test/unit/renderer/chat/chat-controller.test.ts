import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../../src/shared/contract/index.ts';
import type { ChatError, ChatEvent, ChatTransport } from '../../../../src/shared/model/index.ts';
import { ChatController } from '../../../../src/renderer/src/features/chat/chat-controller.ts';
import type { ChatOutcome } from '../../../../src/renderer/src/features/chat/chat-view-state.ts';
import { TokenStreamBuffer } from '../../../../src/renderer/src/features/chat/token-stream-buffer.ts';
import { diagnosis } from '../diagnosis-fixture.ts';
import { deferred, fakeAppApi, type FakeAppApi } from './fake-app-api.ts';

const noFrames = { request: () => 0, cancel: () => undefined };
const flushed = () => new Promise((done) => setTimeout(done, 0));

const chatState = {
  clientId: 'client-1',
  sessionId: 'session-1',
  journeys: [{ name: 'admin', template: '[admin] {message}' }],
  breakers: [{ target: 'http://localhost:8006', state: 'closed' as const }],
  setupError: null,
};

/** `ids`: the correlation ids the controller picks for its sends, in order. */
function setup(now = () => 0, stateFails = false, ids: string[] = []) {
  const fake = fakeAppApi();
  fake.handle('getChatState', () =>
    stateFails ? { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'chat:state' } } : { ok: true, value: chatState },
  );
  fake.handle('getLastDiagnosis', () => ({ ok: true, value: diagnosis() }));
  const buffer = new TokenStreamBuffer(noFrames);
  let n = 0;
  const controller = new ChatController({ api: fake.api, buffer, now, newId: () => ids.shift() ?? `id-${(n += 1)}` });
  let renders = 0;
  controller.subscribe(() => (renders += 1));
  const running = controller.start();
  const stop = () => running.dispose();
  return { fake, buffer, controller, stop, renders: () => renders };
}

const ev = (fake: FakeAppApi, transport: ChatTransport, event: ChatEvent) =>
  fake.emit('chatEvent', { transport, event } satisfies EventPayload<'chatEvent'>);

const target = (id: string): ChatEvent => ({
  type: 'target',
  correlationId: id,
  url: 'http://localhost:8006',
  decision: 'localhost-fallback',
  reason: 'the alias does not resolve; localhost answers',
  pinned: false,
});
const token = (id: string, content: string, role: 'assistant' | 'manager' = 'assistant'): ChatEvent => ({
  type: 'token',
  correlationId: id,
  role,
  content,
});
const complete = (id: string, response: string): ChatEvent => ({
  type: 'complete',
  correlationId: id,
  response,
  firstTokenMs: 4,
  totalMs: 40,
});
const okOutcome = (id: string, transport: ChatTransport = 'ws'): ChatOutcome => ({
  ok: true,
  correlationId: id,
  transport,
  url: 'http://localhost:8006',
  response: 'hi',
  firstTokenMs: 4,
  totalMs: 40,
});
const agentError = (id: string): ChatError => ({
  class: 'AGENT_ERROR',
  explanation: 'The agent answered with an error.',
  hint: 'Read the agent logs.',
  correlationId: id,
  detail: 'The assistant failed to answer',
});

describe('ChatController', () => {
  it('loads ids, journeys and breakers, and shows the last diagnosis target before any exchange', async () => {
    const { fake, controller, stop } = setup();
    await flushed();
    const state = controller.getSnapshot();
    expect(state).toMatchObject({ loaded: true, clientId: 'client-1', sessionId: 'session-1', journeys: chatState.journeys });
    expect(state.breakers).toEqual([{ target: 'http://localhost:8006', state: 'closed' }]);
    expect(state.target).toMatchObject({ decision: 'localhost-fallback', source: 'diagnosis' });

    fake.emit('breakerChanged', {
      target: 'http://localhost:8006',
      state: 'open',
      previous: 'closed',
      at: '2025-01-01T10:00:00Z',
      lastFailure: 'CONNECTION_REFUSED',
    });
    expect(controller.getSnapshot().breakers).toEqual([
      { target: 'http://localhost:8006', state: 'open', lastFailure: 'CONNECTION_REFUSED', at: '2025-01-01T10:00:00Z' },
    ]);
    stop();
    expect(fake.listenerCount('chatEvent')).toBe(0);
    expect(fake.listenerCount('breakerChanged')).toBe(0);
  });

  it('shows an API error when the chat state cannot load (e.g. main not wired yet)', async () => {
    const { controller } = setup(() => 0, true);
    await flushed();
    expect(controller.getSnapshot()).toMatchObject({ loaded: true, apiError: { code: 'UNKNOWN_CHANNEL' }, clientId: null });
  });

  it('streams 10,000 tokens into the buffer with a handful of snapshot changes, then completes', async () => {
    let clock = 0;
    const { fake, buffer, controller, renders } = setup(() => clock, false, ['c1']);
    await flushed();
    const answer = deferred<{ ok: true; value: ChatOutcome }>();
    fake.handle('sendChat', () => answer.promise);
    const sending = controller.send({ message: 'stream 10000', transport: 'ws', pinnedTarget: '  ' });
    expect(fake.calls.at(-1)).toEqual({ name: 'sendChat', request: { message: 'stream 10000', transport: 'ws', correlationId: 'c1' } });
    expect(controller.getSnapshot()).toMatchObject({
      busy: 'send',
      exchanges: [{ status: 'streaming', phase: 'sending', correlationId: 'c1' }],
    });

    const before = renders();
    ev(fake, 'ws', target('c1'));
    ev(fake, 'ws', { type: 'status', correlationId: 'c1', status: 'processing' });
    clock = 12;
    ev(fake, 'ws', token('c1', 'Routing…', 'manager'));
    for (let i = 0; i < 10_000; i++) ev(fake, 'ws', token('c1', ` tok${i + 1}`));
    ev(fake, 'ws', complete('c1', 'x'));
    expect(renders() - before).toBeLessThanOrEqual(6); // target, exchange target, status, first token, complete
    expect(buffer.counts(1)).toMatchObject({ assistant: 10_000, manager: 1 });
    const exchange = controller.getSnapshot().exchanges[0]!;
    expect(exchange).toMatchObject({
      correlationId: 'c1',
      status: 'complete',
      phase: 'complete',
      firstTokenMs: 4,
      totalMs: 40,
      url: 'http://localhost:8006',
    });
    expect(JSON.stringify(exchange)).not.toContain('tok1'); // tokens never enter view state
    expect(controller.getSnapshot().target).toMatchObject({ source: 'exchange', decision: 'localhost-fallback' });

    answer.resolve({ ok: true, value: okOutcome('c1') });
    await sending;
    expect(controller.getSnapshot()).toMatchObject({ busy: null, exchanges: [{ status: 'complete' }] });
  });

  it('measures a live time to first token until complete brings the server figure', async () => {
    let clock = 100;
    const { fake, controller } = setup(() => clock, false, ['c1']);
    const answer = deferred<{ ok: true; value: ChatOutcome }>();
    fake.handle('sendChat', () => answer.promise);
    void controller.send({ message: 'hi', transport: 'ws' });
    ev(fake, 'ws', target('c1'));
    clock = 137;
    ev(fake, 'ws', token('c1', 'hi'));
    expect(controller.getSnapshot().exchanges[0]!.firstTokenMs).toBe(37);
  });

  it('turns an error event into an error exchange and keeps its class', async () => {
    const { fake, controller } = setup(undefined, false, ['c9']);
    fake.handle('sendChat', () => ({
      ok: true,
      value: { ok: false, correlationId: 'c9', transport: 'ws', url: 'http://localhost:8006', error: agentError('c9'), totalMs: 9 },
    }));
    const sending = controller.send({ message: 'hi', transport: 'ws' });
    ev(fake, 'ws', target('c9'));
    ev(fake, 'ws', { type: 'error', correlationId: 'c9', error: agentError('c9') });
    await sending;
    expect(controller.getSnapshot().exchanges[0]).toMatchObject({ status: 'error', error: { class: 'AGENT_ERROR' }, totalMs: 9 });
  });

  it('completes an exchange from the outcome alone when its events never arrived', async () => {
    const { fake, controller } = setup(undefined, false, ['c5']);
    fake.handle('sendChat', () => ({ ok: true, value: okOutcome('c5', 'http') }));
    await controller.send({ message: 'hi', transport: 'http', journey: 'admin' });
    expect(fake.calls.filter((call) => call.name === 'sendChat').at(-1)?.request).toEqual({
      message: 'hi',
      transport: 'http',
      journey: 'admin',
      correlationId: 'c5',
    });
    expect(fake.calls.at(-1)?.name).toBe('getChatState'); // breakers of the target just used
    expect(controller.getSnapshot().exchanges[0]).toMatchObject({ correlationId: 'c5', status: 'complete', totalMs: 40, journey: 'admin' });
  });

  it('shows a failed call (bad input, lost connection) as an error exchange and frees the pane', async () => {
    const { fake, controller } = setup();
    fake.handle('sendChat', () => ({ ok: false, error: { code: 'INVALID_REQUEST', message: 'pinnedTarget: Invalid URL' } }));
    await controller.send({ message: 'hi', transport: 'ws', pinnedTarget: 'nope' });
    expect(controller.getSnapshot()).toMatchObject({
      busy: null,
      exchanges: [{ status: 'error', requestError: { code: 'INVALID_REQUEST' } }],
    });
  });

  it('ignores events of exchanges it did not send (Compare, another window), even on the same transport', async () => {
    const { fake, controller, buffer } = setup(undefined, false, ['mine']);
    const answer = deferred<{ ok: true; value: ChatOutcome }>();
    fake.handle('sendChat', () => answer.promise);
    void controller.send({ message: 'hi', transport: 'http' });
    ev(fake, 'ws', target('other'));
    ev(fake, 'ws', token('other', 'not ours'));
    ev(fake, 'http', target('another-window'));
    ev(fake, 'http', token('another-window', 'not ours either'));
    expect(buffer.counts(1).assistant).toBe(0);
    ev(fake, 'http', target('mine'));
    ev(fake, 'http', token('mine', 'ours'));
    expect(buffer.counts(1).assistant).toBe(1);
    expect(controller.getSnapshot().exchanges[0]!.correlationId).toBe('mine');
  });

  it('Compare paths stores both outcomes and blocks Send while it runs', async () => {
    const { fake, controller } = setup();
    const answer = deferred<{ ok: true; value: EventPayloadCompare }>();
    fake.handle('compareChatPaths', () => answer.promise);
    const comparing = controller.compare({ message: 'hi', pinnedTarget: 'http://127.0.0.1:1' });
    expect(fake.calls.at(-1)?.request).toEqual({ message: 'hi', pinnedTarget: 'http://127.0.0.1:1' });
    expect(controller.getSnapshot()).toMatchObject({ busy: 'compare', compare: { status: 'running' } });
    await controller.send({ message: 'ignored', transport: 'ws' });
    expect(controller.getSnapshot().exchanges).toHaveLength(0);
    ev(fake, 'ws', target('cmp-ws'));
    ev(fake, 'ws', token('cmp-ws', 'hi'));
    expect(controller.getSnapshot().exchanges).toHaveLength(0);
    const result = {
      ws: okOutcome('cmp-ws'),
      http: okOutcome('cmp-http', 'http'),
      bothAnswered: true,
      agree: true,
      summary: 'Both paths answered the same.',
    };
    answer.resolve({ ok: true, value: result });
    await comparing;
    expect(controller.getSnapshot()).toMatchObject({ busy: null, compare: { status: 'done', result: { agree: true } } });
  });

  it('Clear mid-stream drops every exchange and its tokens, takes the new session, and ignores the old stream', async () => {
    const { fake, controller, buffer } = setup(undefined, false, ['old', 'new']);
    await flushed();
    const first = deferred<{ ok: true; value: ChatOutcome }>();
    fake.handle('sendChat', () => first.promise);
    void controller.send({ message: 'stream 10000', transport: 'ws' });
    ev(fake, 'ws', target('old'));
    for (let i = 0; i < 100; i++) ev(fake, 'ws', token('old', 't'));
    fake.handle('newChatSession', () => ({ ok: true, value: { sessionId: 'session-2' } }));

    await controller.clear();
    expect(controller.getSnapshot()).toMatchObject({ exchanges: [], busy: null, sessionId: 'session-2', compare: null });
    expect(buffer.counts(1).assistant).toBe(0);

    // The old stream keeps coming while a new message is sent: none of it lands in the new exchange.
    const second = deferred<{ ok: true; value: ChatOutcome }>();
    fake.handle('sendChat', () => second.promise);
    void controller.send({ message: 'hi', transport: 'ws' });
    ev(fake, 'ws', token('old', 't'));
    ev(fake, 'ws', complete('old', 'x'));
    first.resolve({ ok: true, value: okOutcome('old') }); // late answer of the cleared send
    await flushed();
    expect(controller.getSnapshot().exchanges).toEqual([expect.objectContaining({ key: 2, status: 'streaming' })]);
    ev(fake, 'ws', target('new'));
    ev(fake, 'ws', token('new', 'fresh'));
    expect(buffer.counts(2).assistant).toBe(1);
  });

  it('after a Clear, a send that had not started streaming cannot steal the next send', async () => {
    const { fake, controller, buffer } = setup(undefined, false, ['stale', 'mine']);
    fake.handle('newChatSession', () => ({ ok: true, value: { sessionId: 's2' } }));
    const stale = deferred<{ ok: true; value: ChatOutcome }>();
    fake.handle('sendChat', () => stale.promise);
    void controller.send({ message: 'slow', transport: 'ws' }); // no event yet
    await controller.clear();
    const next = deferred<{ ok: true; value: ChatOutcome }>();
    fake.handle('sendChat', () => next.promise);
    void controller.send({ message: 'hi', transport: 'ws' });
    ev(fake, 'ws', target('stale')); // the cleared send's first event comes now
    ev(fake, 'ws', token('stale', 'x'));
    ev(fake, 'ws', target('mine'));
    ev(fake, 'ws', token('mine', 'y'));
    expect(controller.getSnapshot().exchanges[0]!.correlationId).toBe('mine');
    expect(buffer.counts(2).assistant).toBe(1);
  });

  it('a cleared send that failed without events leaves the next send alone', async () => {
    const { fake, controller } = setup(undefined, false, ['slow', 'mine']);
    fake.handle('newChatSession', () => ({ ok: true, value: { sessionId: 's2' } }));
    const stale = deferred<{ ok: false; error: { code: 'DISCONNECTED'; message: string } }>();
    fake.handle('sendChat', () => stale.promise);
    void controller.send({ message: 'slow', transport: 'ws' });
    await controller.clear();
    stale.resolve({ ok: false, error: { code: 'DISCONNECTED', message: 'gone' } });
    await flushed();
    const next = deferred<{ ok: true; value: ChatOutcome }>();
    fake.handle('sendChat', () => next.promise);
    void controller.send({ message: 'hi', transport: 'ws' });
    ev(fake, 'ws', target('mine'));
    expect(controller.getSnapshot().exchanges[0]!.correlationId).toBe('mine');
  });
});

type EventPayloadCompare = {
  ws: ChatOutcome;
  http: ChatOutcome;
  bothAnswered: boolean;
  agree: boolean;
  summary: string;
};
