import { z } from 'zod';
import {
  recoveryHistoryEntrySchema,
  recoveryPlanViewSchema,
  recoveryPolicySchema,
  supervisionEventSchema,
  supervisionStatusSchema,
} from '../model/recovery.ts';

const empty = z.object({}).strict();
const planRequest = z.object({ planId: z.string().min(1) }).strict();

/** Most history entries one call answers; the supervisor keeps 200. */
export const HISTORY_LIMIT_MAX = 200;

/**
 * The supervision calls (Recovery view, tray). Kept apart from channels.ts so the repair and smoke channels can be
 * added beside them without touching one table; `invokeContract` spreads them in.
 */
export const supervisionInvokes = {
  getSupervisionStatus: { channel: 'supervision:status', request: empty, response: supervisionStatusSchema },
  /** Newest first; `limit` default: all kept. */
  getRecoveryHistory: {
    channel: 'supervision:history',
    request: z.object({ limit: z.number().int().min(1).max(HISTORY_LIMIT_MAX).optional() }).strict(),
    response: z.array(recoveryHistoryEntrySchema),
  },
  /**
   * Validated here with the policy's own schema (an invalid field answers INVALID_REQUEST with `field`
   * `policy.<name>`), then by the supervisor (INVALID_POLICY / UNKNOWN_SERVICE); answers the policy in force.
   */
  setRecoveryPolicy: {
    channel: 'supervision:set-policy',
    request: z.object({ service: z.string().min(1), policy: recoveryPolicySchema }).strict(),
    response: recoveryPolicySchema,
  },
  /** A SCHEDULED or AWAITING_MANUAL plan becomes CANCELLED; UNKNOWN_PLAN when no live plan has the id. */
  cancelRecoveryPlan: { channel: 'supervision:cancel-plan', request: planRequest, response: recoveryPlanViewSchema },
  /** An AWAITING_MANUAL plan is queued to run; PLAN_NOT_AWAITING otherwise. */
  approveRecoveryPlan: { channel: 'supervision:approve-plan', request: planRequest, response: recoveryPlanViewSchema },
  /** Due plans stay queued; the answer is the status after the switch. */
  pauseSupervision: { channel: 'supervision:pause', request: empty, response: supervisionStatusSchema },
  resumeSupervision: { channel: 'supervision:resume', request: empty, response: supervisionStatusSchema },
} as const;

export const supervisionEvents = {
  /** Everything the supervisor emits (service states, plans, notifications, engine, heartbeats, pause/resume). */
  supervisionEvent: { channel: 'supervision:event', payload: supervisionEventSchema },
} as const;
