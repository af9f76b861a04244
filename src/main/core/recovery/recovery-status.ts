import type {
  RecoveryHistoryEntry,
  RecoveryPolicy,
  RecoverySnapshot,
  RecoveryStatus,
  ServiceRecoveryStatus,
} from '../../../shared/model/recovery.ts';
import { planView, type RecoveryPlan, type ToIso } from './recovery-plan.ts';
import type { ServiceMachine } from './service-state.machine.ts';

export interface StatusInput {
  running: boolean;
  parallelism: number;
  now: number;
  plans: readonly RecoveryPlan[];
  services: readonly { machine: ServiceMachine; policy: RecoveryPolicy; priority: number }[];
  toIso: ToIso;
}

/** Queued plans in the order they would run: scheduled ones by due time then priority, then those awaiting approval. */
const queueOrder = (a: RecoveryPlan, b: RecoveryPlan): number =>
  (a.dueMs ?? Infinity) - (b.dueMs ?? Infinity) || a.priority - b.priority || a.seq - b.seq;

/** The engine's state as the Recovery view and `watch --json` show it, and as the store persists it. */
export function buildStatus(input: StatusInput): RecoveryStatus {
  const { toIso, now } = input;
  const iso = (ms: number | undefined): string | null => (ms === undefined ? null : toIso(ms));
  const planOf = new Map(input.plans.map((plan) => [plan.service, plan]));
  return {
    running: input.running,
    parallelism: input.parallelism,
    active: input.plans.filter((p) => p.state === 'IN_PROGRESS').map((p) => planView(p, toIso)),
    queued: input.plans
      .filter((p) => p.state === 'SCHEDULED' || p.state === 'AWAITING_MANUAL')
      .sort(queueOrder)
      .map((p) => planView(p, toIso)),
    services: input.services.map(({ machine: m, policy, priority }): ServiceRecoveryStatus => {
      const plan = planOf.get(m.service);
      // The reset window may have passed since the last tick: show the count that will apply.
      const reset = m.state === 'healthy' && m.healthySinceMs !== undefined && now - m.healthySinceMs >= policy.resetAfterMs;
      return {
        service: m.service,
        state: m.state,
        since: toIso(m.sinceMs),
        reason: m.reason,
        strategy: policy.strategy,
        priority,
        attempts: reset ? 0 : m.attempts,
        maxAttempts: policy.maxAttempts,
        lastAttemptAt: iso(m.lastAttemptMs),
        nextAttemptAt: plan?.state === 'SCHEDULED' ? iso(plan.dueMs) : null,
        waitingFor: [...m.waitingFor],
      };
    }),
  };
}

export function buildSnapshot(status: RecoveryStatus, history: readonly RecoveryHistoryEntry[], savedAt: string): RecoverySnapshot {
  return { version: 1, savedAt, status, history: [...history] };
}
