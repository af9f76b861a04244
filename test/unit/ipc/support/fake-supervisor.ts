import type { SupervisorService } from '../../../../src/main/app/supervisor-service.ts';
import { parseRecoveryPolicy } from '../../../../src/main/core/recovery/recovery-policy.ts';
import { Emitter } from '../../../../src/shared/lifecycle/emitter.ts';
import {
  recoveryPolicySchema,
  type RecoveryHistoryEntry,
  type RecoveryPlanView,
  type RecoveryResult,
  type ServiceRecoveryStatus,
  type SupervisionEvent,
  type SupervisionStatus,
} from '../../../../src/shared/model/index.ts';

export const T0 = '2026-01-01T00:00:00.000Z';
export const at = (ms: number): string => new Date(Date.parse(T0) + ms).toISOString();

export function planView(overrides: Partial<RecoveryPlanView> = {}): RecoveryPlanView {
  return {
    id: 'plan-1',
    service: 'api',
    action: { kind: 'start' },
    state: 'SCHEDULED',
    priority: 0,
    attempt: 1,
    maxAttempts: 5,
    delayMs: 1000,
    reason: 'crashed (exit 1)',
    fingerprint: 'fp-1',
    createdAt: T0,
    dueAt: at(1000),
    startedAt: null,
    finishedAt: null,
    ...overrides,
  };
}

export function serviceStatus(overrides: Partial<ServiceRecoveryStatus> = {}): ServiceRecoveryStatus {
  return {
    service: 'api',
    state: 'healthy',
    since: T0,
    reason: 'running',
    strategy: 'exponential',
    priority: 0,
    attempts: 0,
    maxAttempts: 5,
    lastAttemptAt: null,
    nextAttemptAt: null,
    waitingFor: [],
    ...overrides,
  };
}

export function supervisionStatus(overrides: Partial<SupervisionStatus> = {}): SupervisionStatus {
  const defaults = recoveryPolicySchema.parse({});
  return {
    started: true,
    paused: false,
    engine: { state: 'connected', since: T0 },
    workspace: '/work/shop',
    projects: ['shop'],
    recovery: { running: true, parallelism: 2, active: [], queued: [], services: [serviceStatus()] },
    policies: { api: defaults },
    checks: {},
    ...overrides,
  };
}

/**
 * A SupervisorService kept in memory, with the real policy validation: tests set its status, plans and history, and
 * emit its events. Commands behave as the interface says (cancel/approve by plan id, pause/resume flip `paused`).
 */
export class FakeSupervisor implements SupervisorService {
  current: SupervisionStatus = supervisionStatus();
  entries: RecoveryHistoryEntry[] = [];
  readonly calls: string[] = [];
  private readonly events = new Emitter<SupervisionEvent>((error) => {
    throw error;
  });
  readonly onEvent = this.events.event;

  async start(): Promise<void> {
    this.calls.push('start');
  }
  pause(): void {
    this.calls.push('pause');
    this.current = { ...this.current, paused: true, recovery: { ...this.current.recovery, running: false } };
  }
  resume(): void {
    this.calls.push('resume');
    this.current = { ...this.current, paused: false, recovery: { ...this.current.recovery, running: true } };
  }
  status(): SupervisionStatus {
    return this.current;
  }
  history(limit?: number): RecoveryHistoryEntry[] {
    this.calls.push(`history:${limit ?? 'all'}`);
    return this.entries.slice(0, limit);
  }
  setPolicy(service: string, input: unknown): ReturnType<SupervisorService['setPolicy']> {
    if (!this.current.recovery.services.some((s) => s.service === service))
      return { ok: false, error: { code: 'UNKNOWN_SERVICE', message: `${service} is not supervised` } };
    const parsed = parseRecoveryPolicy(input, service);
    if (parsed.ok) this.current = { ...this.current, policies: { ...this.current.policies, [service]: parsed.value } };
    return parsed;
  }
  cancel(planId: string): RecoveryResult<RecoveryPlanView> {
    return this.finish(planId, 'CANCELLED', ['SCHEDULED', 'AWAITING_MANUAL']);
  }
  approve(planId: string): RecoveryResult<RecoveryPlanView> {
    const plan = this.current.recovery.queued.find((p) => p.id === planId);
    if (!plan) return { ok: false, error: { code: 'UNKNOWN_PLAN', message: `no live plan ${planId}` } };
    if (plan.state !== 'AWAITING_MANUAL')
      return { ok: false, error: { code: 'PLAN_NOT_AWAITING', message: `${planId} is ${plan.state}, not AWAITING_MANUAL` } };
    const approved = { ...plan, state: 'SCHEDULED' as const };
    this.setQueued(this.current.recovery.queued.map((p) => (p.id === planId ? approved : p)));
    return { ok: true, value: approved };
  }
  emit(event: SupervisionEvent): void {
    this.events.emit(event);
  }
  setQueued(queued: RecoveryPlanView[]): void {
    this.current = { ...this.current, recovery: { ...this.current.recovery, queued } };
  }
  get listeners(): number {
    return this.events.listenerCount;
  }
  dispose(): void {
    this.events.dispose();
  }

  private finish(planId: string, state: 'CANCELLED', from: string[]): RecoveryResult<RecoveryPlanView> {
    const plan = this.current.recovery.queued.find((p) => p.id === planId);
    if (!plan || !from.includes(plan.state)) return { ok: false, error: { code: 'UNKNOWN_PLAN', message: `no live plan ${planId}` } };
    this.setQueued(this.current.recovery.queued.filter((p) => p.id !== planId));
    const done = { ...plan, state, finishedAt: at(5000) };
    this.entries.unshift({
      at: done.finishedAt,
      planId,
      service: plan.service,
      action: plan.action.kind,
      state,
      attempt: plan.attempt,
      reason: plan.reason,
      durationMs: null,
    });
    return { ok: true, value: done };
  }
}
