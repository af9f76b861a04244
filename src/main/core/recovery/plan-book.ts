import type { PlanState, RecoveryPlanEvent } from '../../../shared/model/recovery.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { RecoveryHistory } from './recovery-history.ts';
import { actionView, terminalPlanStates, type RecoveryAction, type RecoveryPlan, type ToIso } from './recovery-plan.ts';
import type { PlanActivity } from './service-machine.types.ts';

export interface NewPlan {
  service: string;
  action: RecoveryAction;
  priority: number;
  attempt: number;
  maxAttempts: number;
  delayMs: number;
  reason: string;
  fingerprint: string;
  counted: boolean;
  /** SCHEDULED plans become due after `delayMs`; AWAITING_MANUAL ones when approved. */
  state: 'SCHEDULED' | 'AWAITING_MANUAL';
}

/**
 * The live plans (at most one per service) and their transitions: each is announced as a `recovery` event, and a
 * plan that ends (SUCCEEDED, FAILED, CANCELLED) goes to the history and leaves the book.
 */
export class PlanBook {
  private readonly byService = new Map<string, RecoveryPlan>();
  private seq = 0;

  constructor(
    private readonly clock: Clock,
    private readonly newId: () => string,
    private readonly history: RecoveryHistory,
    private readonly toIso: ToIso,
    private readonly emit: (event: RecoveryPlanEvent) => void,
  ) {}

  of(service: string): RecoveryPlan | undefined {
    return this.byService.get(service);
  }

  byId(id: string): RecoveryPlan | undefined {
    for (const plan of this.byService.values()) if (plan.id === id) return plan;
    return undefined;
  }

  all(): RecoveryPlan[] {
    return [...this.byService.values()];
  }

  activity(service: string): PlanActivity {
    const plan = this.byService.get(service);
    if (!plan) return 'none';
    return plan.state === 'IN_PROGRESS' ? (plan.phase ?? 'acting') : 'queued';
  }

  /** Opens a plan for a service that has none; the caller checked (one plan per service is the engine's rule). */
  open(spec: NewPlan, createdMs = this.clock.now()): RecoveryPlan {
    if (this.byService.has(spec.service)) throw new Error(`${spec.service} already has a recovery plan`);
    const { state, ...rest } = spec;
    const plan: RecoveryPlan = {
      ...rest,
      id: this.newId(),
      state: 'IDLE',
      createdMs,
      dueMs: state === 'SCHEDULED' ? createdMs + spec.delayMs : undefined,
      startedMs: undefined,
      finishedMs: undefined,
      seq: this.seq++,
      phase: undefined,
      abort: undefined,
    };
    this.byService.set(plan.service, plan);
    this.move(plan, state, spec.reason);
    return plan;
  }

  /** Takes back a plan restored from a snapshot, as it was (no event: nothing happened to it). */
  adopt(plan: Omit<RecoveryPlan, 'seq'>): RecoveryPlan {
    const adopted: RecoveryPlan = { ...plan, seq: this.seq++ };
    this.byService.get(adopted.service)?.abort?.abort('replaced by a restored plan');
    this.byService.set(adopted.service, adopted);
    return adopted;
  }

  /** Moves a live plan to `state`, announcing it; a terminal state records it in the history and closes it. */
  move(plan: RecoveryPlan, state: PlanState, reason: string): void {
    const now = this.clock.now();
    plan.state = state;
    plan.reason = reason;
    if (state === 'IN_PROGRESS') plan.startedMs = now;
    if (terminalPlanStates.has(state)) {
      plan.finishedMs = now;
      plan.phase = undefined;
      if (this.byService.get(plan.service) === plan) this.byService.delete(plan.service);
      this.history.add({
        at: this.toIso(now),
        planId: plan.id,
        service: plan.service,
        action: plan.action.kind,
        state,
        attempt: plan.attempt,
        reason,
        durationMs: plan.startedMs === undefined ? null : now - plan.startedMs,
      });
    }
    this.emit({
      type: 'recovery',
      planId: plan.id,
      service: plan.service,
      state,
      action: actionView(plan.action),
      attempt: plan.attempt,
      maxAttempts: plan.maxAttempts,
      delayMs: plan.delayMs,
      reason,
      at: this.toIso(now),
    });
  }
}
