import { randomUUID } from 'node:crypto';
import type { BreakerState, ChatEvent } from '../../../shared/model/index.ts';
import { ChatInputError } from '../../core/chat/chat-input-error.ts';
import type { ChatEventListener, ChatOutcome, ChatSendRequest } from '../../core/chat/chat-outcome.ts';
import { decideChatTarget, pinnedChatTarget, type ChatSetup } from '../../core/chat/chat-target.ts';
import { chatPathsOf, httpBase, httpChatUrl, rawKind, wsChatUrl, type ChatPaths } from '../../core/chat/chat-urls.ts';
import { classifyFault } from '../../core/chat/classify-fault.ts';
import { comparePaths, type CompareResult } from '../../core/chat/compare-paths.ts';
import { applyJourney } from '../../core/chat/journeys.ts';
import type { Clock } from '../../core/ports/clock.port.ts';
import { systemClock } from '../clock/system-clock.ts';
import type { SyncDisposable } from '../../../shared/lifecycle/disposable.ts';
import { Emitter } from '../../../shared/lifecycle/emitter.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import { silentLogger, type Logger } from '../../core/ports/logger.port.ts';
import type { NetworkProbePort } from '../../core/ports/network-probe.port.ts';
import { BreakerRegistry, type BreakerChange } from './breaker-registry.ts';
import {
  BREAKER_DEFAULTS,
  DEFAULT_EXCHANGE_TIMEOUT_MS,
  isCircuitOpenError,
  type BreakerOptions,
} from '../resilience/resilience-policies.ts';
import { ClientExchange, type ExchangePlan } from './client-exchange.ts';
import { disposedFault, type ExchangeResult } from './exchange-context.ts';
import { httpChatExchange } from './http-chat.exchange.ts';
import { rawHttpExchange, rawWsExchange } from './raw.exchange.ts';
import { wsChatExchange } from './ws-chat.exchange.ts';
import { DEFAULT_WS_IDLE_MS, WsSocketPool } from './ws-pool.ts';

export interface OrchestratorClientOptions {
  net: NetworkProbePort;
  /** The stack as of now (target input, `chat:` config); called on every send so stack changes apply at once. */
  setup: () => ChatSetup | Promise<ChatSetup>;
  logger?: Logger;
  /** Default: performance.now() / new Date(). */
  clock?: Clock;
  /** Correlation, client and session ids. Default: crypto.randomUUID. */
  newId?: () => string;
  /** Sent as `client_id`; default a fresh id per client. */
  clientId?: string;
  breaker?: BreakerOptions;
  /** Budget of one exchange when neither the request nor `chat.timeoutMs` sets one, ms. Default 30000. */
  timeoutMs?: number;
  /**
   * How long the session's WebSocket stays open after an exchange for the next one, ms; 0 opens one socket per
   * exchange. Default 60000.
   */
  wsIdleMs?: number;
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * The orchestrator client behind the chat pane, serve mode and `stack-doctor chat`. Each send resolves the
 * target afresh, goes through the target's breaker (ws and http; raw mode skips it) and a cooperative
 * timeout, and streams ChatEvents: `target` first, then status/token/frame, then `complete` or `error`.
 * WS chat keeps the session's socket open after `complete` and reuses it while the resolved URL stays the
 * same (see WsSocketPool); any failure drops it, so the next send reconnects.
 * Expected failures are outcomes, never rejections; only bad input (ChatInputError) and use after
 * dispose() reject.
 */
export class OrchestratorClient {
  readonly clientId: string;
  private session: string;
  private readonly clock: Clock;
  private readonly newId: () => string;
  private readonly logger: Logger;
  private readonly breakers: BreakerRegistry;
  private readonly breakerChanges = new Emitter<BreakerChange>((error) =>
    this.logger.error({ err: errorMessage(error) }, 'breaker listener failed'),
  );
  private readonly live = new Set<() => void>();
  private readonly disposal = new AbortController();
  /** The last chat URL built and its inputs (see {@link chatUrl}). */
  private lastUrl = { transport: '', path: '', session: '', base: null as URL | null, url: '' };
  /** The last pinned target and its parsed base: a pinned send does not parse the same URL again. */
  private lastPinned = { text: '', base: null as URL | null };
  /** The session's idle WS socket per chat URL (target, client id and session id are in the URL). */
  private readonly sockets: WsSocketPool;

  constructor(private readonly options: OrchestratorClientOptions) {
    this.clock = options.clock ?? systemClock;
    this.newId = options.newId ?? randomUUID;
    this.logger = (options.logger ?? silentLogger).child({ component: 'orchestrator-client' });
    this.clientId = options.clientId ?? this.newId();
    this.session = this.newId();
    this.sockets = new WsSocketPool(options.wsIdleMs ?? DEFAULT_WS_IDLE_MS);
    this.breakers = new BreakerRegistry(
      options.breaker ?? {},
      (change) => this.breakerChanged(change),
      () => this.clock.date(),
    );
  }

  /** Sent as `session_id` and in the WS path. */
  get sessionId(): string {
    return this.session;
  }

  /** Starts a new server-side session (the pane's "clear"); returns its id. The old session's socket closes with 1000. */
  newSession(): string {
    this.sockets.closeAll(1000, 'new session');
    this.session = this.newId();
    return this.session;
  }

  /** The breaker state for a target URL (any URL on the same origin); `closed` when never used. */
  breakerState(target: string): BreakerState {
    return this.breakers.state(target);
  }

  /** Every breaker used so far. */
  breakerStates(): Array<{ target: string; state: BreakerState }> {
    return this.breakers.snapshot();
  }

  /** Closes the breaker of `target`'s origin (a repair, once the target answers again). */
  resetBreaker(target: string): void {
    this.breakers.reset(target);
  }

  /** Breaker state changes, for the pane and recovery scheduling. */
  onBreakerChange(listener: (change: BreakerChange) => void): SyncDisposable {
    return this.breakerChanges.on(listener);
  }

  async send(request: ChatSendRequest, onEvent: ChatEventListener): Promise<ChatOutcome> {
    if (this.disposal.signal.aborted) throw new Error('the orchestrator client is disposed');
    const correlationId = request.correlationId ?? this.newId();
    const { transport } = request;
    const started = this.clock.now();

    // Re-read on every send (stack changes apply at once); awaited only when it is asynchronous, and a
    // pinned target is decided without an await: each hop is a few µs of a ~0.2 ms exchange (bench/chat).
    const pending = this.options.setup();
    const setup = isPromiseLike(pending) ? await pending : pending;
    const journey = applyJourney(setup.chat, request.journey, request.message);
    if (!journey.ok) throw new ChatInputError(journey.reason);
    if (transport !== 'raw' && journey.text.trim() === '') throw new ChatInputError('the message is empty');
    const pinned = request.pinnedTarget?.trim();
    const step = pinned
      ? pinnedChatTarget(pinned, transport, correlationId, this.pinnedBase)
      : await decideChatTarget(this.options.net, setup, request, correlationId);
    const ex = new ClientExchange({
      correlationId,
      transport,
      started,
      timeoutMs: request.timeoutMs ?? setup.chat?.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_EXCHANGE_TIMEOUT_MS,
      fallbackUrl: setup.target.fallbackUrl,
      onEvent,
      log: this.logger.child({ correlationId, transport }),
      clock: this.clock,
      live: this.live,
    });
    ex.emit(step.event);
    ex.log.info({ target: step.event.url, decision: step.event.decision, pinned: step.event.pinned }, 'chat exchange started');
    if (!step.ok) return this.finish(ex, { ok: false, correlationId, transport, url: null, error: step.error, totalMs: ex.elapsed() });

    const paths = chatPathsOf(setup.chat);
    let plan: ExchangePlan;
    if (transport === 'raw') {
      ex.url = step.rawUrl ?? wsChatUrl(step.base as URL, paths, this.clientId, this.session);
      plan = { kind: rawKind(ex.url) === 'http' ? 'raw-http' : 'raw-ws', text: journey.text };
    } else if (transport === 'ws') {
      ex.url = this.chatUrl('ws', step.base as URL, paths);
      const data = journey.journey ? { message: journey.text, journey: journey.journey } : { message: journey.text };
      plan = { kind: 'ws', frame: { type: 'chat', data, correlation_id: correlationId }, reuse: request.freshConnection !== true };
    } else {
      ex.url = this.chatUrl('http', step.base as URL, paths);
      const body = journey.journey
        ? { message: journey.text, session_id: this.session, client_id: this.clientId, journey: journey.journey }
        : { message: journey.text, session_id: this.session, client_id: this.clientId };
      plan = { kind: 'http', body };
    }

    if (transport === 'raw') return this.finish(ex, await this.run(ex, plan));
    const breaker = this.breakers.get(ex.url);
    try {
      // Inline, not a named closure: under tsx every named function made per exchange also costs a defineProperty.
      return this.finish(ex, await breaker.policy.execute(() => this.run(ex, plan)));
    } catch (error) {
      if (!isCircuitOpenError(error)) throw error;
      const lastFailure = breaker.lastFailure();
      const halfOpenAfterMs = this.options.breaker?.halfOpenAfterMs ?? BREAKER_DEFAULTS.halfOpenAfterMs;
      const fault = { kind: 'circuit-open' as const, target: breaker.key, halfOpenAfterMs, ...(lastFailure ? { lastFailure } : {}) };
      const chatError = classifyFault(fault, { correlationId, transport, url: ex.url });
      return this.finish(ex, { ok: false, correlationId, transport, url: ex.url, error: chatError, totalMs: ex.elapsed() });
    }
  }

  /**
   * "Compare paths": the same message over WS and over HTTP, concurrently, each with its own correlation id;
   * events are tagged with their transport. WS opens a fresh socket (not the session's open one), so the
   * check covers the upgrade too.
   */
  async compare(
    request: Omit<ChatSendRequest, 'transport' | 'correlationId'>,
    onEvent: (transport: 'ws' | 'http', event: ChatEvent) => void = () => undefined,
  ): Promise<CompareResult> {
    const [ws, http] = await Promise.all([
      this.send({ ...request, transport: 'ws', freshConnection: true }, (event) => onEvent('ws', event)),
      this.send({ ...request, transport: 'http' }, (event) => onEvent('http', event)),
    ]);
    return comparePaths(ws, http);
  }

  /**
   * Ends every live socket and request (their sends resolve with a 1001 "going away"), closes idle sessions'
   * sockets with 1001, drops listeners.
   */
  async dispose(): Promise<void> {
    this.disposal.abort();
    this.sockets.dispose();
    for (const close of [...this.live]) close();
    this.live.clear();
    this.breakers.dispose();
    this.breakerChanges.dispose();
    await Promise.resolve();
  }

  /**
   * The ws or http chat URL on `base`, reused while target, path and session stay the same: building it
   * (URL copies and setters) was the largest share of a send's own setup cost (bench/chat).
   */
  private chatUrl(transport: 'ws' | 'http', base: URL, paths: ChatPaths): string {
    const path = transport === 'ws' ? paths.ws : paths.httpChat;
    const last = this.lastUrl;
    if (transport === last.transport && path === last.path && this.session === last.session) {
      // A pinned target hands in the same base object every time: no href read then.
      if (base === last.base || (last.base !== null && base.href === last.base.href)) return last.url;
    }
    const url = transport === 'ws' ? wsChatUrl(base, paths, this.clientId, this.session) : httpChatUrl(base, paths);
    this.lastUrl = { transport, path, session: this.session, base, url };
    return url;
  }

  private readonly pinnedBase = (text: string): URL | null => {
    if (text !== this.lastPinned.text) this.lastPinned = { text, base: httpBase(text) };
    return this.lastPinned.base;
  };

  /**
   * Talks to the target within the exchange's deadline (cooperative: the transport reports TIMEOUT). The WS
   * URL is resolved on every send: the session's open socket is leased here, when the exchange runs, so an
   * open breaker or a dispose never strands a taken socket, and it is reused only while the URL stays the same.
   * dispose() ends live exchanges through track() and the check below.
   */
  private async run(ex: ClientExchange, plan: ExchangePlan): Promise<ChatOutcome> {
    if (this.disposal.signal.aborted) return this.toOutcome(ex, { ok: false, fault: disposedFault() });
    ex.deadline.start();
    try {
      switch (plan.kind) {
        case 'ws':
          return this.toOutcome(ex, await wsChatExchange(ex, plan.frame, plan.reuse ? this.sockets.lease(ex.url) : undefined));
        case 'http':
          return this.toOutcome(ex, await httpChatExchange(ex, plan.body));
        case 'raw-ws':
          return this.toOutcome(ex, await rawWsExchange(ex, plan.text));
        case 'raw-http':
          return this.toOutcome(ex, await rawHttpExchange(ex, plan.text));
      }
    } finally {
      ex.deadline.clear();
    }
  }

  /**
   * The outcome as one object literal per branch: a spread here (`{ ...base, ok: true }`) cost ~15 µs per
   * exchange in bench/chat (the copied object's shape stays slow for everything that reads it afterwards).
   */
  private toOutcome(ex: ClientExchange, result: ExchangeResult): ChatOutcome {
    const totalMs = ex.elapsed();
    const { correlationId, transport, url } = ex;
    if (result.ok) {
      const firstTokenMs = result.firstTokenAt === null ? null : Math.max(0, result.firstTokenAt - ex.started);
      return { ok: true, correlationId, transport, url, totalMs, response: result.response, firstTokenMs };
    }
    const error = classifyFault(result.fault, { correlationId, transport, url, fallbackUrl: ex.fallbackUrl });
    return { ok: false, correlationId, transport, url, totalMs, error };
  }

  private finish(ex: ClientExchange, outcome: ChatOutcome): ChatOutcome {
    if (outcome.ok) {
      ex.emit({
        type: 'complete',
        correlationId: outcome.correlationId,
        response: outcome.response,
        firstTokenMs: outcome.firstTokenMs,
        totalMs: outcome.totalMs,
      });
      ex.log.info({ url: outcome.url, totalMs: outcome.totalMs, firstTokenMs: outcome.firstTokenMs }, 'chat exchange complete');
    } else {
      ex.emit({ type: 'error', correlationId: outcome.correlationId, error: outcome.error });
      ex.log.warn(
        { url: outcome.url, class: outcome.error.class, detail: outcome.error.detail, totalMs: outcome.totalMs },
        'chat exchange failed',
      );
    }
    return outcome;
  }

  private breakerChanged(change: BreakerChange): void {
    this.logger.warn({ ...change }, `circuit breaker ${change.state}`);
    this.breakerChanges.emit(change);
  }
}
