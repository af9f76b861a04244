import type { ContractError, InvokeResponse } from '../../../../shared/contract/index.ts';
import type {
  BreakerChangeEvent,
  BreakerState,
  ChatError,
  ChatErrorClass,
  ChatEvent,
  ChatTransport,
  OrchestratorTarget,
} from '../../../../shared/model/index.ts';

export type ChatOutcome = InvokeResponse<'sendChat'>;
export type CompareResult = InvokeResponse<'compareChatPaths'>;
export type ChatJourneyInfo = InvokeResponse<'getChatState'>['journeys'][number];

/** Where the pane's next or last exchange goes, and why. */
export interface TargetView {
  url: string;
  /** `as-configured`, `localhost-fallback`, `unresolvable`, `pinned`, `not-checked`. */
  decision: string;
  reason: string;
  pinned: boolean;
  /** `diagnosis` before any exchange: the last diagnosis's orchestrator decision. */
  source: 'exchange' | 'diagnosis';
}

export interface BreakerView {
  /** Target origin, e.g. `http://localhost:8006`. */
  target: string;
  state: BreakerState;
  lastFailure?: ChatErrorClass;
  at?: string;
}

/** `streaming` from the click until `complete` or `error`. */
export type ExchangeStatus = 'streaming' | 'complete' | 'error';

/** One exchange's facts; its tokens live in the TokenStreamBuffer under `key`. */
export interface ExchangeView {
  key: number;
  correlationId: string | null;
  /** As typed (the journey's template wraps it in main). */
  message: string;
  transport: ChatTransport;
  journey?: string;
  pinnedTarget?: string;
  /** The time budget asked for (raw mode's listen window), ms. */
  timeoutMs?: number;
  status: ExchangeStatus;
  /** The last status the server or client reported: `sending`, `processing`, `complete`, `error`. */
  phase: string;
  url: string | null;
  decision: string | null;
  firstTokenMs: number | null;
  totalMs: number | null;
  error: ChatError | null;
  /** The call itself failed (bad input, lost connection): no exchange took place. */
  requestError: ContractError | null;
}

export type CompareView =
  | { status: 'running'; message: string }
  | { status: 'done'; message: string; result: CompareResult }
  | { status: 'failed'; message: string; error: ContractError };

export interface ChatViewState {
  loaded: boolean;
  clientId: string | null;
  sessionId: string | null;
  journeys: ChatJourneyInfo[];
  setupError: string | null;
  breakers: BreakerView[];
  target: TargetView | null;
  exchanges: ExchangeView[];
  /** One operation at a time: a send, a compare, or the Clear round trip. */
  busy: 'send' | 'compare' | 'clear' | null;
  compare: CompareView | null;
  apiError: ContractError | null;
}

export const initialChatViewState: ChatViewState = {
  loaded: false,
  clientId: null,
  sessionId: null,
  journeys: [],
  setupError: null,
  breakers: [],
  target: null,
  exchanges: [],
  busy: null,
  compare: null,
  apiError: null,
};

export function targetFromDiagnosis(orchestrator: OrchestratorTarget): TargetView {
  return {
    url: orchestrator.resolvedUrl ?? orchestrator.configuredUrl,
    decision: orchestrator.decision,
    reason: orchestrator.reason,
    pinned: false,
    source: 'diagnosis',
  };
}

/** Upserts a breaker, keeping the list sorted by target so the pane does not jump. */
export function withBreaker(breakers: BreakerView[], change: BreakerChangeEvent | BreakerView): BreakerView[] {
  const next: BreakerView = {
    target: change.target,
    state: change.state,
    ...(change.lastFailure ? { lastFailure: change.lastFailure } : {}),
    ...(change.at ? { at: change.at } : {}),
  };
  return [...breakers.filter((b) => b.target !== change.target), next].sort((a, b) => a.target.localeCompare(b.target));
}

/** The exchange after one of its own non-token events. Terminal exchanges do not change again. */
export function applyEvent(exchange: ExchangeView, event: ChatEvent): ExchangeView {
  if (exchange.status !== 'streaming') return exchange;
  switch (event.type) {
    case 'target':
      return { ...exchange, correlationId: event.correlationId, url: event.url, decision: event.decision };
    case 'status':
      return { ...exchange, correlationId: event.correlationId, phase: event.status };
    case 'complete':
      return {
        ...exchange,
        correlationId: event.correlationId,
        status: 'complete',
        phase: 'complete',
        firstTokenMs: event.firstTokenMs ?? exchange.firstTokenMs,
        totalMs: event.totalMs,
      };
    case 'error':
      return { ...exchange, correlationId: event.correlationId, status: 'error', phase: 'error', error: event.error };
    default:
      return exchange;
  }
}

/** The exchange once `sendChat` answered: fills in what its events did not (they may have been dropped). */
export function applyOutcome(exchange: ExchangeView, outcome: ChatOutcome): ExchangeView {
  const base = { ...exchange, correlationId: outcome.correlationId, url: outcome.url ?? exchange.url };
  if (exchange.status !== 'streaming') return { ...base, status: exchange.status, totalMs: exchange.totalMs ?? outcome.totalMs };
  if (outcome.ok) {
    return {
      ...base,
      status: 'complete',
      phase: 'complete',
      firstTokenMs: outcome.firstTokenMs ?? exchange.firstTokenMs,
      totalMs: outcome.totalMs,
    };
  }
  return { ...base, status: 'error', phase: 'error', error: outcome.error, totalMs: outcome.totalMs };
}
