import type { z } from 'zod';
import type { EventPayload, InvokeResponse } from '../../shared/contract/index.ts';
import type { BreakerChangeEvent, BreakerState, ChatSendInput, ChatState, compareResultSchema } from '../../shared/model/index.ts';
import type { Event } from '../../shared/lifecycle/emitter.ts';
import type { ChatOutcome } from '../core/chat/chat-outcome.ts';

/** One `chatEvent` payload: a ChatEvent tagged with the transport it came from. */
export type ChatEventPayload = EventPayload<'chatEvent'>;

export type CompareOutcome = z.infer<typeof compareResultSchema>;

/**
 * The chat pane's façade, shared by the Electron shell and serve mode: one orchestrator client per process,
 * its stack setup re-read from the workspace on every call. Expected failures are outcomes; only bad input
 * (unknown journey, invalid stack config, unusable pinned target) rejects, with a ChatInputError.
 */
export interface ChatService {
  state(): Promise<ChatState>;
  /** Resolves when the exchange ends; every event goes to `onEvent` listeners meanwhile. */
  send(request: ChatSendInput): Promise<ChatOutcome>;
  /** The same message over WS and over HTTP, concurrently; events are tagged with their transport. */
  compare(request: Omit<ChatSendInput, 'transport'>): Promise<CompareOutcome>;
  newSession(): Promise<InvokeResponse<'newChatSession'>>;
  /** The current client's breakers (none before the first call). */
  breakerStates(): Array<{ target: string; state: BreakerState }>;
  /** Closes the breaker of `target`'s origin (a repair's `reset-breaker` step); emits `onBreakerChange`. */
  resetBreaker(target: string): Promise<void>;
  readonly onEvent: Event<ChatEventPayload>;
  readonly onBreakerChange: Event<BreakerChangeEvent>;
  /** Ends live exchanges (they resolve with a 1001 "going away" outcome) and the client; later calls reject. */
  dispose(): Promise<void>;
}
