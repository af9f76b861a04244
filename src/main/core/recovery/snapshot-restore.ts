import { recoverySnapshotSchema, type RecoveryPlanView, type RecoveryResult } from '../../../shared/model/recovery.ts';
import type { EngineCore } from './engine-core.ts';
import { handleFailure } from './recovery-decisions.ts';
import type { RecoveryHistory } from './recovery-history.ts';
import type { RecoveryAction, RecoveryPlan } from './recovery-plan.ts';
import type { ServiceMachine } from './service-state.machine.ts';

export interface RestoreTarget extends EngineCore {
  readonly history: RecoveryHistory;
  /** The service's machine, created when the snapshot knows a service the stack has not been given yet. */
  machineFor(service: string): ServiceMachine;
  /** Wall-clock ISO time → the Clock's monotonic ms. */
  fromIso(iso: string): number;
}

export interface RestoreSummary {
  services: number;
  /** Plans taken back (scheduled or awaiting approval). */
  plans: number;
  /** Plans that were IN_PROGRESS when the app stopped: recorded as FAILED and followed up like any failed attempt. */
  interrupted: number;
}

function restoredAction(view: RecoveryPlanView): RecoveryAction {
  if (view.action.kind === 'restart') return { kind: 'restart', stopTimeoutSec: view.action.stopTimeoutSec };
  // A recreate's env was never persisted (it may hold secrets): the plan is restored only to be cancelled.
  if (view.action.kind === 'recreate') return { kind: 'recreate', env: {} };
  return { kind: 'start' };
}

/**
 * Takes back a snapshot saved before the app stopped (or was killed): the history as it was, each service's state,
 * attempts and last attempt, and the live plans. A plan that was IN_PROGRESS is recorded as FAILED ("interrupted")
 * and followed up as a failed attempt (re-scheduled with backoff, or given up); a recreate cannot be resumed, its env
 * was not stored. An unreadable snapshot is refused with INVALID_SNAPSHOT and changes nothing.
 */
export function restoreSnapshot(core: RestoreTarget, raw: unknown): RecoveryResult<RestoreSummary> {
  const parsed = recoverySnapshotSchema.safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      error: { code: 'INVALID_SNAPSHOT', message: `recovery snapshot not restored: ${parsed.error.issues.length} problems` },
    };
  const { status, history } = parsed.data;
  core.history.replace(history);
  for (const s of status.services) {
    const m = core.machineFor(s.service);
    Object.assign(m, { state: s.state, sinceMs: core.fromIso(s.since), reason: s.reason, observed: true, attempts: s.attempts });
    m.lastAttemptMs = s.lastAttemptAt === null ? undefined : core.fromIso(s.lastAttemptAt);
    m.waitingFor = [...s.waitingFor];
  }
  const summary: RestoreSummary = { services: status.services.length, plans: 0, interrupted: 0 };
  for (const view of [...status.active, ...status.queued]) {
    const m = core.machineFor(view.service);
    const plan = core.book.adopt(adopt(core, view));
    if (view.action.kind === 'recreate') {
      core.book.move(plan, 'CANCELLED', 'not resumed after a restart: its environment is not stored; request the recreate again');
    } else if (view.state === 'IN_PROGRESS') {
      summary.interrupted++;
      core.book.move(plan, 'FAILED', 'interrupted: Stack Doctor stopped during this attempt');
      m.attempts = Math.max(m.attempts, view.attempt);
      handleFailure(core, m, { reason: `attempt ${view.attempt} was interrupted`, immediate: false });
    } else {
      summary.plans++;
      if (plan.state === 'SCHEDULED') core.queue.add(plan);
    }
    core.changed(view.service);
  }
  return { ok: true, value: summary };
}

function adopt(core: RestoreTarget, view: RecoveryPlanView): Omit<RecoveryPlan, 'seq'> {
  const ms = (iso: string | null): number | undefined => (iso === null ? undefined : core.fromIso(iso));
  return {
    id: view.id,
    service: view.service,
    action: restoredAction(view),
    state: view.state,
    priority: view.priority,
    attempt: view.attempt,
    maxAttempts: view.maxAttempts,
    delayMs: view.delayMs,
    reason: view.reason,
    fingerprint: view.fingerprint,
    counted: view.action.kind !== 'recreate',
    createdMs: core.fromIso(view.createdAt),
    dueMs: ms(view.dueAt),
    startedMs: ms(view.startedAt),
    finishedMs: undefined,
    phase: undefined,
    abort: undefined,
  };
}
