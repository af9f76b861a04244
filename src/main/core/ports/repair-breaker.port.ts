/**
 * The chat client's circuit breakers, narrowed to what a repair needs: which are open, and closing one once
 * its target answers again. The app wires the chat service's breaker registry behind it.
 */
export interface BreakerResetPort {
  /** Targets (origins, `http://localhost:8006`) whose breaker is open or half-open. */
  openTargets(): string[];
  /** Closes the breaker of `target`; resolves once it is closed. */
  reset(target: string): Promise<void>;
  /** The breaker's state now; `closed` for a target never used. */
  state(target: string): 'closed' | 'open' | 'half-open';
}
