import type { ChatEvent, ChatTransport } from '../../../../shared/model/index.ts';

/** Retired correlation ids kept to ignore late events of cleared exchanges; the oldest go first. */
const MAX_RETIRED = 1000;

/**
 * Decides which of the pane's exchanges a `chatEvent` belongs to. Main broadcasts every exchange's events
 * and `sendChat` only answers the correlation id at the end, so an exchange is bound by its first event
 * (`target`, or `error` when it failed before choosing one): the oldest send still waiting on that
 * transport takes it. Later events follow the correlation id. After a Clear, events of exchanges still
 * running on the server are ignored, including those of sends that had not been bound yet ("orphans").
 */
export class ExchangeRouter {
  private readonly byCorrelation = new Map<string, number>();
  private readonly waiting: Array<{ key: number; transport: ChatTransport }> = [];
  private readonly retired = new Set<string>();
  private readonly orphans: Record<ChatTransport, number> = { ws: 0, http: 0, raw: 0 };

  /** A send whose events are about to arrive. */
  expect(key: number, transport: ChatTransport): void {
    this.waiting.push({ key, transport });
  }

  /** The exchange `event` belongs to, or null when it is not one of ours (Compare, another window, cleared). */
  route(transport: ChatTransport, event: ChatEvent): number | null {
    const id = event.correlationId;
    const bound = this.byCorrelation.get(id);
    if (bound !== undefined) return bound;
    if (this.retired.has(id) || (event.type !== 'target' && event.type !== 'error')) return null;
    if (this.orphans[transport] > 0) {
      this.orphans[transport] -= 1;
      this.retire(id);
      return null;
    }
    const index = this.waiting.findIndex((entry) => entry.transport === transport);
    if (index < 0) return null;
    const [entry] = this.waiting.splice(index, 1);
    this.byCorrelation.set(id, entry!.key);
    return entry!.key;
  }

  /** `sendChat` answered: the correlation id is now certain (binds a send whose events never came). */
  settle(key: number, correlationId: string): void {
    this.forget(key);
    this.byCorrelation.set(correlationId, key);
  }

  /** The send failed before any exchange began (the envelope carried an error). */
  forget(key: number): void {
    const index = this.waiting.findIndex((entry) => entry.key === key);
    if (index >= 0) this.waiting.splice(index, 1);
  }

  /** Clear: every exchange so far is retired; late events of any of them are ignored. */
  retireAll(): void {
    for (const id of this.byCorrelation.keys()) this.retire(id);
    this.byCorrelation.clear();
    for (const entry of this.waiting.splice(0)) this.orphans[entry.transport] += 1;
  }

  /**
   * A send from before a Clear answered. When its events never arrived (or it failed before any exchange
   * began), it must stop counting as an orphan, or it would swallow the first event of a later send.
   */
  settleOrphan(transport: ChatTransport, correlationId: string | null): void {
    if (correlationId !== null && this.retired.has(correlationId)) return;
    this.orphans[transport] = Math.max(0, this.orphans[transport] - 1);
    if (correlationId !== null) this.retire(correlationId);
  }

  private retire(id: string): void {
    this.retired.add(id);
    if (this.retired.size > MAX_RETIRED) {
      const oldest = this.retired.values().next().value;
      if (oldest !== undefined) this.retired.delete(oldest);
    }
  }
}
