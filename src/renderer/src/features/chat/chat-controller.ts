import type { AppApi, EventPayload, InvokeResponse, Result } from '../../../../shared/contract/index.ts';
import type { ChatTransport } from '../../../../shared/model/index.ts';
import { toDisposable, type SyncDisposable } from '../../../../shared/lifecycle/disposable.ts';
import { Emitter } from '../../../../shared/lifecycle/emitter.ts';
import {
  applyEvent,
  applyOutcome,
  initialChatViewState,
  targetFromDiagnosis,
  withBreaker,
  type ChatViewState,
  type ExchangeView,
} from './chat-view-state.ts';
import type { TokenStreamBuffer } from './token-stream-buffer.ts';

/** What the pane sends: the message as typed and how. */
export interface ChatSendDraft {
  message: string;
  transport: ChatTransport;
  journey?: string;
  /** Empty or absent: resolve the target as the diagnosis does. */
  pinnedTarget?: string;
  /** The exchange's time budget (raw mode: the listen window), ms. Default: the stack's `chat.timeoutMs`. */
  timeoutMs?: number;
}

export interface ChatControllerOptions {
  api: AppApi;
  /** Where tokens and frames go; the controller never puts them in view state. */
  buffer: TokenStreamBuffer;
  /** Monotonic ms for the live time to first token. Default `performance.now`. */
  now?: () => number;
  /** Correlation ids for sends. Default `crypto.randomUUID`. */
  newId?: () => string;
}

/**
 * The chat pane's state outside React (read through `useSyncExternalStore`): loads the chat state and the
 * last diagnosis, follows `chatEvent`/`breakerChanged`/`diagnosisCompleted`, and runs Send, Compare and
 * Clear. Only rare facts (target, status, completion, errors, breakers) change the snapshot; tokens and
 * raw frames go straight to the buffer, so a 10,000-token answer costs a handful of renders.
 */
export class ChatController {
  private state: ChatViewState = initialChatViewState;
  private readonly changed = new Emitter<void>();
  /**
   * The pane's exchanges by correlation id. Main sends every exchange's events to every window (and Compare's
   * too), so each send picks its own id and only events carrying one of these land in an exchange; Clear
   * empties it, so late events of cleared exchanges are dropped.
   */
  private readonly byCorrelation = new Map<string, number>();
  private readonly newId: () => string;
  private readonly startedAt = new Map<number, number>();
  private readonly now: () => number;
  private nextKey = 1;
  /** Bumped by Clear: answers to calls made before it are dropped. */
  private generation = 0;

  constructor(private readonly options: ChatControllerOptions) {
    this.now = options.now ?? (() => performance.now());
    this.newId = options.newId ?? (() => crypto.randomUUID());
  }

  /** `useSyncExternalStore`'s subscribe: React wants the unsubscribe as a function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    const subscription = this.changed.on(listener);
    return () => subscription.dispose();
  };

  readonly getSnapshot = (): ChatViewState => this.state;

  /** Subscribes to main's events and loads what the pane shows before any exchange; disposing it stops both. */
  start(): SyncDisposable {
    const { api } = this.options;
    const subscriptions = [
      api.on('chatEvent', (payload) => this.onChatEvent(payload)),
      api.on('breakerChanged', (change) => this.set({ breakers: withBreaker(this.state.breakers, change) })),
      api.on('diagnosisCompleted', (diagnosis) => {
        if (this.state.target?.source !== 'exchange') this.set({ target: targetFromDiagnosis(diagnosis.orchestrator) });
      }),
    ];
    let stopped = false;
    void (async () => {
      const [chat, last] = await Promise.all([api.getChatState({}), api.getLastDiagnosis({})]);
      if (stopped) return;
      const patch: Partial<ChatViewState> = { loaded: true, ...this.statePatch(chat) };
      if (last.ok && last.value && this.state.target === null) patch.target = targetFromDiagnosis(last.value.orchestrator);
      this.set(patch);
    })();
    return toDisposable(() => {
      stopped = true;
      for (const subscription of subscriptions) subscription.dispose();
    });
  }

  /** Sends one message; resolves when the exchange ended. Ignored while another operation runs. */
  async send(draft: ChatSendDraft): Promise<void> {
    if (this.state.busy) return;
    const key = this.nextKey++;
    const generation = this.generation;
    const pinnedTarget = draft.pinnedTarget?.trim() || undefined;
    const correlationId = this.newId();
    const exchange: ExchangeView = {
      key,
      correlationId,
      message: draft.message,
      transport: draft.transport,
      ...(draft.journey ? { journey: draft.journey } : {}),
      ...(pinnedTarget ? { pinnedTarget } : {}),
      ...(draft.timeoutMs !== undefined ? { timeoutMs: draft.timeoutMs } : {}),
      status: 'streaming',
      phase: 'sending',
      url: null,
      decision: null,
      firstTokenMs: null,
      totalMs: null,
      error: null,
      requestError: null,
    };
    this.byCorrelation.set(correlationId, key);
    this.startedAt.set(key, this.now());
    this.set({ exchanges: [...this.state.exchanges, exchange], busy: 'send' });

    const result = await this.options.api.sendChat({
      message: draft.message,
      transport: draft.transport,
      ...(draft.journey ? { journey: draft.journey } : {}),
      ...(pinnedTarget ? { pinnedTarget } : {}),
      ...(draft.timeoutMs !== undefined ? { timeoutMs: draft.timeoutMs } : {}),
      correlationId,
    });
    // Cleared meanwhile: its exchange, tokens and id are gone already.
    if (generation !== this.generation) return;
    this.startedAt.delete(key);
    if (result.ok) {
      this.updateExchange(key, (current) => applyOutcome(current, result.value));
    } else {
      this.updateExchange(key, (current) => ({ ...current, status: 'error', phase: 'error', requestError: result.error }));
    }
    this.set({ busy: null });
    await this.refresh();
  }

  /** "Compare paths": the same message over WS and over HTTP. */
  async compare(draft: Omit<ChatSendDraft, 'transport' | 'timeoutMs'>): Promise<void> {
    if (this.state.busy) return;
    const generation = this.generation;
    const pinnedTarget = draft.pinnedTarget?.trim() || undefined;
    this.set({ busy: 'compare', compare: { status: 'running', message: draft.message } });
    const result = await this.options.api.compareChatPaths({
      message: draft.message,
      ...(draft.journey ? { journey: draft.journey } : {}),
      ...(pinnedTarget ? { pinnedTarget } : {}),
    });
    if (generation !== this.generation) return;
    this.set({
      busy: null,
      compare: result.ok
        ? { status: 'done', message: draft.message, result: result.value }
        : { status: 'failed', message: draft.message, error: result.error },
    });
    await this.refresh();
  }

  /**
   * Clear: a new server-side session, and every exchange dropped with its tokens — the buffer, the id map
   * and the view hold no reference to them afterwards. Allowed at any time, also mid-stream.
   */
  async clear(): Promise<void> {
    this.generation += 1;
    const generation = this.generation;
    this.byCorrelation.clear();
    this.options.buffer.clear();
    this.startedAt.clear();
    this.set({ exchanges: [], compare: null, busy: 'clear' });
    const result = await this.options.api.newChatSession({});
    if (generation !== this.generation) return;
    this.set(result.ok ? { busy: null, sessionId: result.value.sessionId } : { busy: null, apiError: result.error });
  }

  /** Re-reads ids, journeys (the stack config may have changed) and breakers of targets used since. */
  async refresh(): Promise<void> {
    const generation = this.generation;
    const chat = await this.options.api.getChatState({});
    if (generation === this.generation && chat.ok) this.set(this.statePatch(chat));
  }

  dismissError(): void {
    this.set({ apiError: null });
  }

  private statePatch(chat: Result<InvokeResponse<'getChatState'>>): Partial<ChatViewState> {
    if (!chat.ok) return { apiError: chat.error };
    let breakers = this.state.breakers;
    // A breaker already known came from an event, which is newer than any snapshot: it wins.
    for (const breaker of chat.value.breakers) {
      if (!breakers.some((b) => b.target === breaker.target)) breakers = withBreaker(breakers, breaker);
    }
    return {
      clientId: chat.value.clientId,
      sessionId: this.state.sessionId ?? chat.value.sessionId,
      journeys: chat.value.journeys,
      setupError: chat.value.setupError,
      breakers,
    };
  }

  private onChatEvent({ event }: EventPayload<'chatEvent'>): void {
    if (event.type === 'target') {
      const { url, decision, reason, pinned } = event;
      this.set({ target: { url, decision, reason, pinned, source: 'exchange' } });
    }
    const key = this.byCorrelation.get(event.correlationId);
    if (key === undefined) return;
    if (event.type === 'token' || event.type === 'frame') {
      const kind = event.type === 'token' ? event.role : event.direction;
      this.options.buffer.push(key, kind, event.type === 'token' ? event.content : event.data);
      if (kind !== 'out') this.markFirstToken(key);
      return;
    }
    this.updateExchange(key, (current) => applyEvent(current, event));
  }

  /** The live time to first token, once per exchange (the `complete` event's figure replaces it). */
  private markFirstToken(key: number): void {
    const started = this.startedAt.get(key);
    if (started === undefined) return;
    this.startedAt.delete(key);
    const elapsed = this.now() - started;
    this.updateExchange(key, (current) => (current.firstTokenMs === null ? { ...current, firstTokenMs: elapsed } : current));
  }

  private updateExchange(key: number, update: (exchange: ExchangeView) => ExchangeView): void {
    let changed = false;
    const exchanges = this.state.exchanges.map((exchange) => {
      if (exchange.key !== key) return exchange;
      const next = update(exchange);
      changed ||= next !== exchange;
      return next;
    });
    if (changed) this.set({ exchanges });
  }

  private set(patch: Partial<ChatViewState>): void {
    this.state = { ...this.state, ...patch };
    this.changed.emit();
  }
}
