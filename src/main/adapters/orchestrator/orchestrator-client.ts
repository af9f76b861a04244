import { randomUUID } from 'node:crypto';
import type { BreakerState, ChatEvent, ChatTransport } from '../../../shared/model/index.ts';
import { ChatInputError } from '../../core/chat/chat-input-error.ts';
import type { ChatEventListener, ChatOutcome, ChatSendRequest } from '../../core/chat/chat-outcome.ts';
import { decideChatTarget, pinnedChatTarget, type ChatSetup } from '../../core/chat/chat-target.ts';
import { chatPathsOf, httpBase, httpChatUrl, rawKind, wsChatUrl, type ChatPaths } from '../../core/chat/chat-urls.ts';
import { classifyFault } from '../../core/chat/classify-fault.ts';
import { comparePaths, type CompareResult } from '../../core/chat/compare-paths.ts';
import { applyJourney } from '../../core/chat/journeys.ts';
import type { Clock } from '../../core/ports/clock.port.ts';
import { silentLogger, type Logger } from '../../core/ports/logger.port.ts';
import type { NetworkProbePort } from '../../core/ports/network-probe.port.ts';
import { BreakerRegistry, type BreakerChange } from './breaker-registry.ts';
import { BREAKER_DEFAULTS, DEFAULT_EXCHANGE_TIMEOUT_MS, ExchangeTimeouts, isCircuitOpenError, type BreakerOptions } from './chat-policies.ts';
import { disposedFault, type ExchangeContext, type ExchangeResult } from './exchange-context.ts';
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

const systemClock: Clock = { now: () => performance.now(), date: () => new Date() };

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
  private readonly breakerListeners = new Set<(change: BreakerChange) => void>();
  private readonly live = new Set<() => void>();
  private readonly disposal = new AbortController();
  /** The last chat URL built and its inputs (see {@link chatUrl}). */
  private lastUrl = { base: null as URL | null, key: '', url: '' };
  /** The last pinned target and its parsed base: a pinned send does not parse the same URL again. */
  private lastPinned = { text: '', base: null as URL | null };
  private readonly timeouts = new ExchangeTimeouts();
  /** The session's idle WS socket per chat URL (target, client id and session id are in the URL). */
  private readonly sockets: WsSocketPool;

  constructor(private readonly options: OrchestratorClientOptions) {
    this.clock = options.clock ?? systemClock;
    this.newId = options.newId ?? randomUUID;
    this.logger = (options.logger ?? silentLogger).child({ component: 'orchestrator-client' });
    this.clientId = options.clientId ?? this.newId();
    this.session = this.newId();
    this.sockets = new WsSocketPool(options.wsIdleMs ?? DEFAULT_WS_IDLE_MS);
    this.breakers = new BreakerRegistry(options.breaker ?? {}, (change) => this.breakerChanged(change), () => this.clock.date());
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

  /** Breaker state changes, for the pane and recovery scheduling; returns the unsubscribe function. */
  onBreakerChange(listener: (change: BreakerChange) => void): () => void {
    this.breakerListeners.add(listener);
    return () => this.breakerListeners.delete(listener);
  }

  async send(request: ChatSendRequest, onEvent: ChatEventListener): Promise<ChatOutcome> {
    if (this.disposal.signal.aborted) throw new Error('the orchestrator client is disposed');
    const correlationId = request.correlationId ?? this.newId();
    const { transport } = request;
    const started = this.clock.now();
    const log = this.logger.child({ correlationId, transport });
    const emit = (event: ChatEvent): void => {
      try {
        onEvent(event);
      } catch (error) {
        log.warn({ err: error instanceof Error ? error.message : String(error) }, 'chat event listener threw');
      }
    };

    // Re-read on every send (stack changes apply at once); awaited only when it is asynchronous, and a
    // pinned target is decided without an await: each hop is a few µs of a ~1 ms exchange (bench/chat).
    const pending = this.options.setup();
    const setup = isPromiseLike(pending) ? await pending : pending;
    const journey = applyJourney(setup.chat, request.journey, request.message);
    if (!journey.ok) throw new ChatInputError(journey.reason);
    if (transport !== 'raw' && journey.text.trim() === '') throw new ChatInputError('the message is empty');
    const pinned = request.pinnedTarget?.trim();
    const step = pinned ? pinnedChatTarget(pinned, transport, correlationId, this.pinnedBase) : await decideChatTarget(this.options.net, setup, request, correlationId);
    emit(step.event);
    log.info({ target: step.event.url, decision: step.event.decision, pinned: step.event.pinned }, 'chat exchange started');
    if (!step.ok) return this.finish(log, emit, { ok: false, correlationId, transport, url: null, error: step.error, totalMs: this.elapsedSince(started) });

    const paths = chatPathsOf(setup.chat);
    const timeoutMs = request.timeoutMs ?? setup.chat?.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_EXCHANGE_TIMEOUT_MS;
    let url: string;
    let run: (ctx: ExchangeContext) => Promise<ExchangeResult>;
    if (transport === 'raw') {
      url = step.rawUrl ?? wsChatUrl(step.base as URL, paths, this.clientId, this.session);
      run = rawKind(url) === 'http' ? (ctx) => rawHttpExchange(ctx, journey.text) : (ctx) => rawWsExchange(ctx, journey.text);
    } else if (transport === 'ws') {
      url = this.chatUrl('ws', step.base as URL, paths);
      const data = journey.journey ? { message: journey.text, journey: journey.journey } : { message: journey.text };
      // The URL is resolved on every send: the session's open socket is reused only while it stays the same.
      // Leased when the exchange runs, so an open breaker or a dispose never strands a taken socket.
      const reuse = request.freshConnection !== true;
      run = (ctx) => wsChatExchange(ctx, { type: 'chat', data, correlation_id: correlationId }, reuse ? this.sockets.lease(url) : undefined);
    } else {
      url = this.chatUrl('http', step.base as URL, paths);
      const body = { message: journey.text, session_id: this.session, client_id: this.clientId, ...(journey.journey ? { journey: journey.journey } : {}) };
      run = (ctx) => httpChatExchange(ctx, body);
    }

    // The cooperative timeout (one cockatiel policy per budget, reused) gives the exchange its signal.
    // dispose() does not abort that signal: it ends live exchanges through track() and the check below, which
    // spares every exchange a listener on the client's signal.
    const timeoutPolicy = this.timeouts.get(timeoutMs);
    const exchange = async (): Promise<ChatOutcome> => {
      const result = this.disposal.signal.aborted
        ? ({ ok: false, fault: disposedFault() } as const)
        : await timeoutPolicy.execute(({ signal }) =>
            run({ correlationId, url, signal, abortCause: this.abortCause, timeoutMs, emit, now: this.now, track: this.track }),
          );
      return this.toOutcome(result, { correlationId, transport, url, started, fallbackUrl: setup.target.fallbackUrl });
    };

    if (transport === 'raw') return this.finish(log, emit, await exchange());
    const breaker = this.breakers.get(url);
    try {
      return this.finish(log, emit, await breaker.policy.execute(exchange));
    } catch (error) {
      if (!isCircuitOpenError(error)) throw error;
      const lastFailure = breaker.lastFailure();
      const halfOpenAfterMs = this.options.breaker?.halfOpenAfterMs ?? BREAKER_DEFAULTS.halfOpenAfterMs;
      const fault = { kind: 'circuit-open' as const, target: breaker.key, halfOpenAfterMs, ...(lastFailure ? { lastFailure } : {}) };
      const chatError = classifyFault(fault, { correlationId, transport, url });
      return this.finish(log, emit, { ok: false, correlationId, transport, url, error: chatError, totalMs: this.elapsedSince(started) });
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
    this.breakerListeners.clear();
    await Promise.resolve();
  }

  /**
   * The ws or http chat URL on `base`, reused while target, path and session stay the same: building it
   * (URL copies and setters) was the largest share of a send's own setup cost (bench/chat).
   */
  private chatUrl(transport: 'ws' | 'http', base: URL, paths: ChatPaths): string {
    const path = transport === 'ws' ? paths.ws : paths.httpChat;
    const last = this.lastUrl;
    // A pinned target hands in the same base object every time: no href read then.
    const href = base === last.base ? '' : base.href;
    const key = `${transport}\n${path}\n${this.session}`;
    if (key === last.key && (base === last.base || (last.base !== null && href === last.base.href))) return last.url;
    const url = transport === 'ws' ? wsChatUrl(base, paths, this.clientId, this.session) : httpChatUrl(base, paths);
    this.lastUrl = { base, key, url };
    return url;
  }

  private readonly pinnedBase = (text: string): URL | null => {
    if (text !== this.lastPinned.text) this.lastPinned = { text, base: httpBase(text) };
    return this.lastPinned.base;
  };

  // Bound once, shared by every exchange's context (no closures per send).
  private readonly track = (close: () => void): (() => void) => {
    this.live.add(close);
    return () => this.live.delete(close);
  };

  private readonly abortCause = (): 'timeout' | 'disposed' => (this.disposal.signal.aborted ? 'disposed' : 'timeout');

  private readonly now = (): number => this.clock.now();

  private elapsedSince(started: number): number {
    return Math.max(0, this.clock.now() - started);
  }

  private toOutcome(
    result: ExchangeResult,
    at: { correlationId: string; transport: ChatTransport; url: string; started: number; fallbackUrl: string },
  ): ChatOutcome {
    const totalMs = Math.max(0, this.clock.now() - at.started);
    const base = { correlationId: at.correlationId, transport: at.transport, url: at.url, totalMs };
    if (result.ok) {
      const firstTokenMs = result.firstTokenAt === null ? null : Math.max(0, result.firstTokenAt - at.started);
      return { ...base, ok: true, response: result.response, firstTokenMs };
    }
    const error = classifyFault(result.fault, { correlationId: at.correlationId, transport: at.transport, url: at.url, fallbackUrl: at.fallbackUrl });
    return { ...base, ok: false, error };
  }

  private finish(log: Logger, emit: (event: ChatEvent) => void, outcome: ChatOutcome): ChatOutcome {
    if (outcome.ok) {
      emit({ type: 'complete', correlationId: outcome.correlationId, response: outcome.response, firstTokenMs: outcome.firstTokenMs, totalMs: outcome.totalMs });
      log.info({ url: outcome.url, totalMs: outcome.totalMs, firstTokenMs: outcome.firstTokenMs }, 'chat exchange complete');
    } else {
      emit({ type: 'error', correlationId: outcome.correlationId, error: outcome.error });
      log.warn({ url: outcome.url, class: outcome.error.class, detail: outcome.error.detail, totalMs: outcome.totalMs }, 'chat exchange failed');
    }
    return outcome;
  }

  private breakerChanged(change: BreakerChange): void {
    this.logger.warn({ ...change }, `circuit breaker ${change.state}`);
    for (const listener of this.breakerListeners) listener(change);
  }
}
