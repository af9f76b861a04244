/** Notified once when an exchange's time budget runs out. */
export interface ExpiryListener {
  expired(): void;
}

function expire(deadline: ExchangeDeadline): void {
  deadline.expire();
}

/**
 * The time budget of one exchange: a timer and at most one listener (the transport running it). Cooperative,
 * as a cockatiel `TimeoutStrategy.Cooperative` policy is: the transport ends its socket or request and reports
 * TIMEOUT as a value.
 *
 * Why not cockatiel's TimeoutPolicy: every `execute` derives a new AbortController, and on Node 20 creating
 * one (its EventTarget state, the signal listeners, the garbage) cost 17–20 µs per exchange in bench/chat's
 * round-trip loop, most of the client's whole budget on a reused socket (a 0.2–0.25 ms round trip). A Node
 * timer on a shared duration list costs well under a microsecond (undici times its requests with its own
 * timers for the same reason). The circuit breaker stays cockatiel's.
 */
export class ExchangeDeadline {
  private listener: ExpiryListener | null = null;
  private hasExpired = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(readonly timeoutMs: number) {}

  /** Starts the clock; a deadline never started never expires. */
  start(): void {
    // One shared callback with the deadline as its argument: no closure per exchange.
    this.timer ??= setTimeout(expire, this.timeoutMs, this);
  }

  get expired(): boolean {
    return this.hasExpired;
  }

  /** Sets the one listener (an exchange retried on a new connection hands over to its new run); one set after expiry is called at once. */
  listen(listener: ExpiryListener): void {
    this.listener = listener;
    if (this.hasExpired) listener.expired();
  }

  /** Stops `listener` listening, unless another one took over since. */
  unlisten(listener: ExpiryListener): void {
    if (this.listener === listener) this.listener = null;
  }

  /** Ends the budget now (the timer's callback). */
  expire(): void {
    if (this.hasExpired) return;
    this.hasExpired = true;
    const { listener } = this;
    this.listener = null;
    listener?.expired();
  }

  /** The exchange is over: stops the timer and forgets the listener. */
  clear(): void {
    clearTimeout(this.timer);
    this.listener = null;
  }
}
