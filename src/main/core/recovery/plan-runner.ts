import { errorMessage } from '../../../shared/error-message.ts';
import type { Clock } from '../ports/clock.port.ts';
import type {
  RecoveryActionOutcome,
  RecoveryActions,
  RecoveryTarget,
  RecreateOutcome,
  RecreatePair,
} from '../ports/recovery-actions.port.ts';
import type { HealthVerdict, RecoveryHealth } from '../ports/recovery-health.port.ts';
import { deadlineFailure, withDeadline } from './deadline.ts';
import type { PlanPhase, RecoveryAction } from './recovery-plan.ts';

export interface PlanRunnerDeps {
  clock: Clock;
  actions: RecoveryActions;
  health: RecoveryHealth;
}

export interface PlanRun {
  target: RecoveryTarget;
  action: RecoveryAction;
  /** How long the service gets to prove healthy after the action, ms; the action itself gets this plus its stop timeout. */
  healthTimeoutMs: number;
  signal: AbortSignal;
  onPhase: (phase: PlanPhase) => void;
}

export type PlanOutcome =
  | { ok: true; reason: string; containerId?: string }
  /** `rolledBack`: a recreate that failed left the old container running again. */
  | { ok: false; reason: string; rolledBack?: boolean };

/**
 * Runs one attempt: the action through the actions port, then waiting (with a timeout) for the service to be
 * healthy and one confirming check through the health port. A recreate keeps the old container until the twin
 * proved healthy, and rolls back to it otherwise. Never throws: every failure is an outcome with a reason.
 */
export async function runPlan(deps: PlanRunnerDeps, run: PlanRun): Promise<PlanOutcome> {
  const { clock, actions } = deps;
  const { target, action, signal } = run;
  const actionMs = run.healthTimeoutMs + (action.kind === 'restart' ? action.stopTimeoutSec * 1000 : 0);
  run.onPhase('acting');
  let pair: RecreatePair | undefined;
  if (action.kind === 'recreate') {
    const stop = new AbortController();
    const onAbort = (): void => stop.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    const work = actions.recreateWithEnv(target, action.env, stop.signal);
    const made = await withDeadline(work, actionMs, clock, signal);
    signal.removeEventListener('abort', onAbort);
    if (made.kind !== 'done') {
      stop.abort('the recreate outlasted its deadline');
      return undoLateRecreate(actions, target.service, work, deadlineFailure(made, 'recreate', actionMs));
    }
    const outcome = made.value;
    if (!outcome.ok)
      return {
        ok: false,
        rolledBack: outcome.rolledBack,
        reason: `recreate failed at ${outcome.step}: ${outcome.error.message}; ${outcome.rolledBack ? 'rolled back to the old container' : 'rollback failed'}`,
      };
    pair = { service: target.service, oldId: outcome.oldId, twinId: outcome.twinId };
  } else {
    const work: Promise<RecoveryActionOutcome> =
      action.kind === 'start' ? actions.start(target, signal) : actions.restart(target, action.stopTimeoutSec, signal);
    const done = await withDeadline(work, actionMs, clock, signal);
    if (done.kind !== 'done') return { ok: false, reason: deadlineFailure(done, action.kind, actionMs) };
    if (!done.value.ok) return { ok: false, reason: `${action.kind} failed: ${done.value.error.message}` };
  }

  run.onPhase('verifying');
  // A twin is verified by its own id: the service is known by the old container until the twin's start event arrives.
  const verdict = await verify(deps, target.service, run.healthTimeoutMs, signal, pair?.twinId);
  if (!verdict.ok) {
    if (!pair) return { ok: false, reason: `not healthy after ${action.kind}: ${verdict.reason}` };
    const back = await settle(actions.rollbackRecreate(pair));
    return {
      ok: false,
      rolledBack: back.ok,
      reason: `twin not healthy: ${verdict.reason}; ${back.ok ? 'rolled back to the old container' : `rollback failed: ${back.error.message}`}`,
    };
  }
  if (!pair) return { ok: true, reason: `healthy after ${action.kind}` };
  const committed = await settle(actions.commitRecreate(pair));
  return {
    ok: true,
    containerId: pair.twinId,
    reason: committed.ok ? 'twin healthy, old container removed' : `twin healthy; old container not removed: ${committed.error.message}`,
  };
}

async function verify(
  deps: PlanRunnerDeps,
  service: string,
  timeoutMs: number,
  signal: AbortSignal,
  containerId?: string,
): Promise<HealthVerdict> {
  const waited = await withDeadline(deps.health.waitHealthy(service, timeoutMs, signal, containerId), timeoutMs, deps.clock, signal);
  if (waited.kind !== 'done') return { ok: false, reason: deadlineFailure(waited, 'waiting for healthy', timeoutMs) };
  if (!waited.value.ok) return waited.value;
  const checked = await withDeadline(deps.health.check(service, signal, containerId), timeoutMs, deps.clock, signal);
  if (checked.kind !== 'done') return { ok: false, reason: deadlineFailure(checked, 'confirming health', timeoutMs) };
  return checked.value;
}

/**
 * A recreate given up on (deadline, cancel) is still running in the adapter: it is told to stop, and what it did
 * is undone once it answers, so no twin is left running beside a stopped original.
 */
async function undoLateRecreate(
  actions: RecoveryActions,
  service: string,
  work: Promise<RecreateOutcome>,
  why: string,
): Promise<PlanOutcome> {
  let late: RecreateOutcome;
  try {
    late = await work;
  } catch (error) {
    return { ok: false, reason: `${why}; the recreate then failed: ${errorMessage(error)}` };
  }
  if (!late.ok)
    return {
      ok: false,
      rolledBack: late.rolledBack,
      reason: `${why}; ${late.rolledBack ? 'rolled back to the old container' : 'rollback failed'}`,
    };
  const back = await settle(actions.rollbackRecreate({ service, oldId: late.oldId, twinId: late.twinId }));
  return {
    ok: false,
    rolledBack: back.ok,
    reason: `${why}; ${back.ok ? 'rolled back to the old container' : `rollback failed: ${back.error.message}`}`,
  };
}

/** A rollback or commit runs even when the plan was aborted; a throw becomes a failed outcome. */
async function settle(work: Promise<RecoveryActionOutcome>): Promise<RecoveryActionOutcome> {
  try {
    return await work;
  } catch (error) {
    return { ok: false, error: { code: 'THREW', message: errorMessage(error) } };
  }
}
