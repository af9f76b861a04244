import type { RecoveryPolicy, ServiceState } from '../../../shared/model/recovery.ts';
import type { FailureCause } from './health-evaluation.ts';

/** What the engine is doing about this service: nothing, a plan waiting (scheduled or for approval), or running. */
export type PlanActivity = 'none' | 'queued' | 'acting' | 'verifying';

export interface MachineContext {
  now: number;
  policy: RecoveryPolicy;
  plan: PlanActivity;
  /** How long dependents get to recover by themselves once their dependencies are back, ms. */
  settleMs: number;
}

/** What the engine should do after an observation or a tick. */
export type MachineVerdict =
  | { kind: 'failure'; cause: FailureCause; reason: string; stableRun: boolean }
  | { kind: 'cancel-plan'; reason: string }
  | { kind: 'verification-failed'; reason: string }
  | { kind: 'check-health'; reason: string }
  | { kind: 'dependency-changed'; dependency: string; up: boolean }
  | { kind: 'up'; previous: ServiceState }
  | undefined;

export interface ServiceTransition {
  service: string;
  state: ServiceState;
  previous: ServiceState;
  reason: string;
  atMs: number;
}
