/** One chat journey of a smoke check. */
export interface SmokeChatRequest {
  transport: 'ws' | 'http';
  message: string;
  /** A journey name from `chat.journeys`. */
  journey?: string;
  /** Orchestrator base URL to pin; default the target Stack Doctor resolves. */
  target?: string;
  /** Budget of the whole exchange (connect, tokens, complete), ms. */
  timeoutMs: number;
  /** Ends the exchange early when the port can; the runner stops waiting either way. */
  signal?: AbortSignal;
}

/** How the journey went: the facts the check decides on. */
export interface SmokeChatReply {
  correlationId: string;
  /** The URL contacted, when one was. */
  url: string | null;
  /** Assistant tokens received (HTTP reports its whole answer as one). */
  tokens: number;
  /** `complete` arrived. */
  completed: boolean;
  /** From the send to the end, ms. */
  totalMs: number;
  /** Why it did not complete: the chat error class (`WS_CLOSED`, `TIMEOUT`…) and its explanation. */
  error?: { code: string; message: string };
}

/**
 * A chat exchange through the orchestrator client, narrowed to what a smoke check needs. Resolves for every
 * expected failure; rejects only for bad input (an unknown journey, an unusable target).
 */
export interface SmokeChatPort {
  exchange(request: SmokeChatRequest): Promise<SmokeChatReply>;
}
