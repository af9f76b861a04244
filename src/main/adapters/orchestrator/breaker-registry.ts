import type { CircuitBreakerPolicy } from 'cockatiel';
import type { BreakerState, ChatErrorClass } from '../../../shared/model/index.ts';
import { breakerKey } from '../../core/chat/breaker-rules.ts';
import type { ChatOutcome } from '../../core/chat/chat-outcome.ts';
import { breakerStateOf, createTargetBreaker, type BreakerOptions } from '../resilience/resilience-policies.ts';

/** A breaker changed state: what the pane shows and what recovery schedules on. */
export interface BreakerChange {
  /** The target origin, e.g. `http://localhost:8006` (ws:// URLs map to their http origin). */
  target: string;
  state: BreakerState;
  previous: BreakerState;
  /** Wall-clock ISO time of the change. */
  at: string;
  /** The class of the failure that opened it (on `open`). */
  lastFailure?: ChatErrorClass;
}

/** A target's breaker as the client uses it; one object per target, reused by every exchange. */
export interface TargetBreaker {
  key: string;
  policy: CircuitBreakerPolicy;
  lastFailure(): ChatErrorClass | undefined;
}

interface Entry {
  handle: TargetBreaker;
  policy: CircuitBreakerPolicy;
  state: BreakerState;
  lastFailure?: ChatErrorClass;
  dispose: () => void;
}

/** One cockatiel breaker per target origin, created on first use; its state changes become BreakerChange events. */
export class BreakerRegistry {
  private readonly entries = new Map<string, Entry>();
  /** The last URL asked for and its key: consecutive exchanges with one target skip the URL parse. */
  private last = { url: '', key: '' };

  constructor(
    private readonly options: BreakerOptions,
    private readonly onChange: (change: BreakerChange) => void,
    private readonly date: () => Date,
  ) {}

  get(url: string): TargetBreaker {
    if (url !== this.last.url) this.last = { url, key: breakerKey(url) };
    const { key } = this.last;
    let entry = this.entries.get(key);
    if (!entry) {
      const policy = createTargetBreaker(this.options);
      const created: Entry = {
        policy,
        state: 'closed',
        dispose: () => undefined,
        handle: { key, policy, lastFailure: () => created.lastFailure },
      };
      const breakListener = policy.onBreak((reason) => {
        const value = 'value' in reason ? (reason.value as ChatOutcome | undefined) : undefined;
        if (value && !value.ok) created.lastFailure = value.error.class;
      });
      const stateListener = policy.onStateChange((state) => {
        const next = breakerStateOf(state);
        if (next === created.state) return;
        const previous = created.state;
        created.state = next;
        this.onChange({
          target: key,
          state: next,
          previous,
          at: this.date().toISOString(),
          ...(next === 'open' && created.lastFailure ? { lastFailure: created.lastFailure } : {}),
        });
      });
      created.dispose = () => {
        breakListener.dispose();
        stateListener.dispose();
      };
      this.entries.set(key, created);
      entry = created;
    }
    return entry.handle;
  }

  /** Closed for a target never used. */
  state(url: string): BreakerState {
    return this.entries.get(breakerKey(url))?.state ?? 'closed';
  }

  /** Every known breaker, for the pane. */
  snapshot(): Array<{ target: string; state: BreakerState }> {
    return [...this.entries].map(([target, entry]) => ({ target, state: entry.state }));
  }

  /**
   * Closes the breaker of `url`'s origin. cockatiel has no reset, so the entry is dropped: the next exchange
   * creates a fresh, closed breaker. Emits the change to `closed` when it was open or half-open.
   */
  reset(url: string): void {
    const key = breakerKey(url);
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.dispose();
    this.entries.delete(key);
    if (entry.state !== 'closed') this.onChange({ target: key, state: 'closed', previous: entry.state, at: this.date().toISOString() });
  }

  dispose(): void {
    for (const entry of this.entries.values()) entry.dispose();
    this.entries.clear();
  }
}
