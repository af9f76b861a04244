/**
 * The stops and kills Stack Doctor issues itself, so the watcher does not take their `stop`/`kill`/`die` events for
 * the user's. The engine's events carry no author; the ledger remembers, per container, that a `die` is expected
 * from one of our own actions, until that `die` arrives or a short while after the action ended.
 */
export class SelfActionLedger {
  /** Container id → when the expectation lapses (ms on `now`; Infinity while the action runs) and whether its `die` came. */
  private readonly expected = new Map<string, { until: number; died: boolean }>();

  /**
   * @param now monotonic ms.
   * @param lingerMs how long after the action ended its `die` may still arrive (the event stream lags the API
   *   answer by a few ms). Default 2000.
   */
  constructor(
    private readonly now: () => number,
    private readonly lingerMs = 2000,
  ) {}

  /**
   * About to stop, kill or restart `containerId`: its next stop/kill/die is ours. `expectDie` false: the container is
   * not running, so the action causes no `die`, and the next one (a crash after a restart) is not ours. Default true.
   */
  begin(containerId: string, expectDie = true): void {
    this.expected.set(containerId, { until: Number.POSITIVE_INFINITY, died: !expectDie });
  }

  /** The action answered: a `die` not seen yet may still come, for `lingerMs`. */
  end(containerId: string): void {
    const mark = this.expected.get(containerId);
    if (mark) mark.until = this.now() + this.lingerMs;
  }

  /** Whether a stop/kill event of this container is ours (the engine sends `stop` after the `die`, so it stays ours). */
  isSelf(containerId: string): boolean {
    const mark = this.expected.get(containerId);
    if (mark === undefined) return false;
    if (mark.until > this.now()) return true;
    this.expected.delete(containerId);
    return false;
  }

  /** A `die` arrived: true when it was the one our action caused; a second `die` (a crash right after) is not. */
  consumeDie(containerId: string): boolean {
    const mark = this.expected.get(containerId);
    if (!mark || mark.died || !this.isSelf(containerId)) return false;
    mark.died = true;
    return true;
  }
}
