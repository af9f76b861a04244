import type { PlanState, RecoveryActionView, RecoveryPlanView } from '../../../shared/model/recovery.ts';

/** What a plan does. A recreate's env stays in memory: it is never shown, emitted or persisted (only its keys). */
export type RecoveryAction =
  { kind: 'start' } | { kind: 'restart'; stopTimeoutSec: number } | { kind: 'recreate'; env: Readonly<Record<string, string>> };

/** Where a running plan is: acting on the container, or waiting for it to prove healthy. */
export type PlanPhase = 'acting' | 'verifying';

/** A plan as the engine keeps it; times are the Clock's monotonic ms. */
export interface RecoveryPlan {
  readonly id: string;
  readonly service: string;
  readonly action: RecoveryAction;
  state: PlanState;
  readonly priority: number;
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly delayMs: number;
  reason: string;
  readonly fingerprint: string;
  /** False for a requested recreate: it does not count as a crash-loop attempt. */
  readonly counted: boolean;
  readonly createdMs: number;
  dueMs: number | undefined;
  startedMs: number | undefined;
  finishedMs: number | undefined;
  /** Tie-breaker after priority and due time: creation order. */
  readonly seq: number;
  phase: PlanPhase | undefined;
  abort: AbortController | undefined;
}

export const terminalPlanStates: ReadonlySet<PlanState> = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

export function actionView(action: RecoveryAction): RecoveryActionView {
  switch (action.kind) {
    case 'start':
      return { kind: 'start' };
    case 'restart':
      return { kind: 'restart', stopTimeoutSec: action.stopTimeoutSec };
    case 'recreate':
      return { kind: 'recreate', envKeys: Object.keys(action.env).sort() };
  }
}

/** Converts the Clock's monotonic ms to wall-clock ISO timestamps for views, events and snapshots. */
export type ToIso = (monotonicMs: number) => string;

export function planView(plan: RecoveryPlan, toIso: ToIso): RecoveryPlanView {
  const iso = (ms: number | undefined): string | null => (ms === undefined ? null : toIso(ms));
  return {
    id: plan.id,
    service: plan.service,
    action: actionView(plan.action),
    state: plan.state,
    priority: plan.priority,
    attempt: plan.attempt,
    maxAttempts: plan.maxAttempts,
    delayMs: plan.delayMs,
    reason: plan.reason,
    fingerprint: plan.fingerprint,
    createdAt: toIso(plan.createdMs),
    dueAt: iso(plan.dueMs),
    startedAt: iso(plan.startedMs),
    finishedAt: iso(plan.finishedMs),
  };
}
