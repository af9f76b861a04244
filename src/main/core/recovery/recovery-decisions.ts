import type { ServiceState } from '../../../shared/model/recovery.ts';
import { decideRecovery } from './backoff.policy.ts';
import { downDependencies, type EngineCore } from './engine-core.ts';
import type { RecoveryAction } from './recovery-plan.ts';
import type { ServiceMachine } from './service-state.machine.ts';

/** A failure that wants recovery: from the machine (crash, unhealthy, …) or a failed attempt. */
export interface Failure {
  reason: string;
  /** The failure ended a stable run, or dependencies just came back: the attempt has no delay. */
  immediate: boolean;
}

/** A container that is not running is started; a running one is restarted gracefully. */
function actionFor(core: EngineCore, m: ServiceMachine): RecoveryAction {
  if (m.sources.upSinceMs === undefined) return { kind: 'start' };
  return { kind: 'restart', stopTimeoutSec: core.policy(m.service).stopTimeoutSec };
}

/**
 * Decides what a failure leads to: waiting for dependencies that are down, a scheduled attempt (no delay after a
 * stable run, else the policy's backoff), a plan awaiting approval (manual strategy), or giving up after maxAttempts.
 */
export function handleFailure(core: EngineCore, m: ServiceMachine, failure: Failure): void {
  const now = core.clock.now();
  // At most one plan per service: one that is already live answers this failure too.
  if (core.book.of(m.service)) return;
  const down = downDependencies(core, m.service);
  if (down.length > 0) {
    m.waitFor(down, now);
    return core.changed(m.service);
  }
  const policy = core.policy(m.service);
  const decision = decideRecovery(policy, m.attempts, failure.immediate);
  if (decision.kind === 'give-up') {
    m.enter('given-up', now, `${failure.reason}; gave up after ${decision.attempts} attempts`);
    core.notify(m.service, 'given-up', `${m.service} was not recovered after ${decision.attempts} attempts: ${failure.reason}`);
    return core.changed(m.service);
  }
  const manual = decision.kind === 'await-manual';
  const delayMs = decision.kind === 'schedule' ? decision.delayMs : 0;
  const plan = core.book.open({
    service: m.service,
    action: actionFor(core, m),
    priority: core.priority(m.service),
    attempt: decision.attempt,
    maxAttempts: policy.maxAttempts,
    delayMs,
    reason: failure.reason,
    fingerprint: core.fingerprint(),
    counted: true,
    state: manual ? 'AWAITING_MANUAL' : 'SCHEDULED',
  });
  if (manual) {
    m.enter('awaiting-manual', now, `${failure.reason}; waiting for approval`);
    core.notify(m.service, 'awaiting-manual', `${m.service} needs approval to recover: ${failure.reason}`);
  } else {
    m.enter(delayMs > 0 ? 'crash-looping' : 'recovering', now, `${failure.reason}; attempt ${decision.attempt} in ${delayMs} ms`);
    core.queue.add(plan);
  }
  core.changed(m.service);
}

/**
 * The service is up again (by itself or recovered): a plan still waiting for it is moot, a human hears when it
 * comes back from given-up or awaiting-manual, and dependents that waited for it get their settle period.
 */
export function handleUp(core: EngineCore, m: ServiceMachine, previous: ServiceState, cancelPlan: (reason: string) => void): void {
  const now = core.clock.now();
  const plan = core.book.of(m.service);
  if (plan && plan.state !== 'IN_PROGRESS') cancelPlan('recovered by itself');
  if (previous === 'given-up' || previous === 'awaiting-manual')
    core.notify(m.service, 'recovered-after-failure', `${m.service} is healthy again after ${previous}`);
  for (const name of core.graph.dependentsOf(m.service)) releaseIfReady(core, name, now);
  core.changed(m.service);
}

/** A dependency (of the stack or external) came back: the service waits on the rest, or gets its settle period. */
export function releaseIfReady(core: EngineCore, service: string, now: number): void {
  const dependent = core.machine(service);
  if (!dependent || dependent.state !== 'unavailable' || dependent.waitingFor.length === 0) return;
  const stillDown = downDependencies(core, service);
  if (stillDown.length > 0) dependent.waitingFor = stillDown;
  else dependent.dependenciesBack(now);
  core.changed(service);
}
