import type { Disposable } from '../../shared/lifecycle/disposable.ts';
import type { Event } from '../../shared/lifecycle/emitter.ts';
import type {
  RecoveryHistoryEntry,
  RecoveryPlanView,
  RecoveryPolicy,
  RecoveryPolicyInput,
  RecoveryResult,
  SupervisionEvent,
  SupervisionStatus,
} from '../../shared/model/index.ts';

/**
 * Keeps the workspace's stack running: watches the engine's events, feeds one state machine per service, and
 * recovers through the recovery engine (core/recovery) acting on the engine control port. Long-lived faces
 * (the tray app, `serve`, `watch`) start it; one-shot commands never do. Only containers of the supervised
 * stack are ever touched, and never one the user stopped.
 */
export interface SupervisorService extends Disposable {
  /** Starts watching and supervising `workspace()` of the app (waits for an engine that is not up yet). Idempotent. */
  start(): Promise<void>;
  /** Due plans stay queued while paused; observations still update the per-service states. */
  pause(): void;
  resume(): void;
  status(): SupervisionStatus;
  /** Newest first, at most `limit` (default all kept, 200). */
  history(limit?: number): RecoveryHistoryEntry[];
  /** Validates and persists a service's policy; an invalid one is refused with the field named. */
  setPolicy(service: string, policy: RecoveryPolicyInput): RecoveryResult<RecoveryPolicy>;
  cancel(planId: string): RecoveryResult<RecoveryPlanView>;
  approve(planId: string): RecoveryResult<RecoveryPlanView>;
  /** Service states, plans, notifications, engine connection changes and heartbeats, as they happen. */
  readonly onEvent: Event<SupervisionEvent>;
}
