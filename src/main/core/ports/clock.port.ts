/** Time, injected so backoff, timeouts and durations are testable without sleeping. */
export interface Clock {
  /** Monotonic milliseconds, for measuring durations. */
  now(): number;
  /** Wall-clock time, for timestamps. */
  date(): Date;
}
