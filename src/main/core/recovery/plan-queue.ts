import TinyQueue from 'tinyqueue';
import type { SyncDisposable } from '../../../shared/lifecycle/disposable.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { RecoveryPlan } from './recovery-plan.ts';

const byDue = (a: RecoveryPlan, b: RecoveryPlan): number => (a.dueMs ?? 0) - (b.dueMs ?? 0) || a.seq - b.seq;
/** Among due plans: lower priority number first, then the earlier due time, then creation order. */
export const byPriorityThenDue = (a: RecoveryPlan, b: RecoveryPlan): number => a.priority - b.priority || byDue(a, b);

/**
 * The SCHEDULED plans in two min-heaps: not yet due (by due time, with one Clock timer for the earliest) and due
 * (by priority, then due time). Cancelled plans are dropped lazily when they reach the top, so cancel is O(1).
 */
export class PlanQueue implements SyncDisposable {
  private readonly waiting = new TinyQueue<RecoveryPlan>([], byDue);
  private readonly ready = new TinyQueue<RecoveryPlan>([], byPriorityThenDue);
  private timer: { handle: SyncDisposable; at: number } | undefined;

  /** @param onDue called when a waiting plan falls due (the engine then takes what its parallelism allows). */
  constructor(
    private readonly clock: Clock,
    private readonly onDue: () => void,
  ) {}

  add(plan: RecoveryPlan): void {
    this.waiting.push(plan);
    this.arm();
  }

  /** The next due SCHEDULED plan by priority then due time, removed from the queue; undefined when none is due. */
  takeNext(): RecoveryPlan | undefined {
    this.promoteDue();
    for (let plan = this.ready.pop(); plan; plan = this.ready.pop()) if (plan.state === 'SCHEDULED') return plan;
    return undefined;
  }

  private promoteDue(): void {
    const now = this.clock.now();
    for (let top = this.peekWaiting(); top && (top.dueMs ?? 0) <= now; top = this.peekWaiting()) this.ready.push(this.waiting.pop()!);
    this.arm();
  }

  private peekWaiting(): RecoveryPlan | undefined {
    while (this.waiting.length > 0 && this.waiting.peek()?.state !== 'SCHEDULED') this.waiting.pop();
    return this.waiting.peek();
  }

  private arm(): void {
    const next = this.peekWaiting();
    if (this.timer && (!next || this.timer.at !== next.dueMs)) {
      this.timer.handle.dispose();
      this.timer = undefined;
    }
    if (!next || this.timer) return;
    const at = next.dueMs ?? this.clock.now();
    const handle = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.onDue();
    }, at - this.clock.now());
    this.timer = { handle, at };
  }

  dispose(): void {
    this.timer?.handle.dispose();
    this.timer = undefined;
  }
}
