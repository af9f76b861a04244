import type { RecoveryPlanView, RecoveryResult } from '../../../shared/model/recovery.ts';
import type { EngineCore } from './engine-core.ts';
import type { PlanExecutor } from './plan-executor.ts';
import { planView, type ToIso } from './recovery-plan.ts';
import type { ServiceMachine } from './service-state.machine.ts';

/** The states a service is in because of a plan; cancelling the plan leaves it unavailable, without recovery. */
const planStates = new Set(['recovering', 'crash-looping', 'awaiting-manual']);

/** What a human (the Recovery view, the CLI) asks of the engine: cancel, approve, recreate with a new environment. */
export class RecoveryCommands {
  constructor(
    private readonly core: EngineCore,
    private readonly executor: PlanExecutor,
    private readonly toIso: ToIso,
  ) {}

  /** Cancels a live plan (a running one is aborted); the service is left unavailable until something changes. */
  cancel(planId: string, reason = 'cancelled by the user'): RecoveryResult<RecoveryPlanView> {
    const plan = this.core.book.byId(planId);
    if (!plan) return { ok: false, error: { code: 'UNKNOWN_PLAN', message: `no live plan ${planId}` } };
    this.executor.cancel(plan, reason);
    const m = this.core.machine(plan.service);
    if (m && planStates.has(m.state)) m.enter('unavailable', this.core.clock.now(), `recovery ${reason}`);
    this.core.changed(plan.service);
    return { ok: true, value: planView(plan, this.toIso) };
  }

  /** Approves a plan AWAITING_MANUAL: it is scheduled now and runs when the parallelism allows. */
  approve(planId: string): RecoveryResult<RecoveryPlanView> {
    const plan = this.core.book.byId(planId);
    if (!plan) return { ok: false, error: { code: 'UNKNOWN_PLAN', message: `no live plan ${planId}` } };
    if (plan.state !== 'AWAITING_MANUAL')
      return { ok: false, error: { code: 'PLAN_NOT_AWAITING', message: `plan ${planId} is ${plan.state}, not AWAITING_MANUAL` } };
    const now = this.core.clock.now();
    plan.dueMs = now;
    this.core.book.move(plan, 'SCHEDULED', 'approved');
    this.core.machine(plan.service)?.enter('recovering', now, `approved: attempt ${plan.attempt}`);
    this.core.queue.add(plan);
    this.core.changed(plan.service);
    const approved = planView(plan, this.toIso);
    this.core.pump();
    return { ok: true, value: approved };
  }

  /**
   * Recreates the service's container with `env` merged in (inspect → twin → stop old → start twin → verify →
   * remove old, or roll back). It is not a crash-loop attempt. The env values stay in memory only.
   */
  recreate(service: string, env: Readonly<Record<string, string>>, reason = 'recreate requested'): RecoveryResult<RecoveryPlanView> {
    const m: ServiceMachine | undefined = this.core.machine(service);
    if (!m) return { ok: false, error: { code: 'UNKNOWN_SERVICE', message: `${service} is not supervised` } };
    const existing = this.core.book.of(service);
    if (existing)
      return { ok: false, error: { code: 'PLAN_EXISTS', message: `${service} already has plan ${existing.id} (${existing.state})` } };
    const plan = this.core.book.open({
      service,
      action: { kind: 'recreate', env: { ...env } },
      priority: this.core.priority(service),
      attempt: 1,
      maxAttempts: 1,
      delayMs: 0,
      reason,
      fingerprint: this.core.fingerprint(),
      counted: false,
      state: 'SCHEDULED',
    });
    this.core.queue.add(plan);
    this.core.changed(service);
    const scheduled = planView(plan, this.toIso);
    this.core.pump();
    return { ok: true, value: scheduled };
  }

  /** Cancels whatever plan the service has (a user stop, a self-recovery or a shutdown made it moot). */
  cancelPlanOf(service: string, reason: string): void {
    const plan = this.core.book.of(service);
    if (plan) this.executor.cancel(plan, reason);
  }
}
