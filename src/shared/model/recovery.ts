import { z } from 'zod';

/**
 * How a service's recovery attempts are spaced: `exponential` waits initialDelayMs × multiplier^(n-1), `linear`
 * initialDelayMs × n (both capped at maxDelayMs), `immediate` never waits, `manual` waits for a human's approval.
 */
export const recoveryStrategySchema = z.enum(['exponential', 'linear', 'immediate', 'manual']);

const nonNegativeMs = (field: string, fallback: number) =>
  z
    .number({ error: `${field} must be a number of milliseconds` })
    .int({ error: `${field} must be a whole number of milliseconds` })
    .min(0, { error: `${field} must be ≥ 0 ms` })
    .default(fallback);

/** The fields of a recovery policy, each with its default; `recoveryPolicySchema` adds the cross-field rules. */
const recoveryPolicyFields = z.object({
  /** Default `exponential`. */
  strategy: recoveryStrategySchema.default('exponential'),
  /** Delay before the first attempt of a crash loop, ms (≥ 0). Default 1000. */
  initialDelayMs: nonNegativeMs('initialDelayMs', 1000),
  /** Growth factor of the exponential strategy (≥ 1.0). Default 2. */
  multiplier: z.number({ error: 'multiplier must be a number' }).min(1, { error: 'multiplier must be ≥ 1.0' }).default(2),
  /** Cap of any backoff delay, ms (≥ initialDelayMs). Default 60000. */
  maxDelayMs: nonNegativeMs('maxDelayMs', 60_000),
  /** Attempts before giving up (≥ 1); they count until the service stays healthy for resetAfterMs. Default 5. */
  maxAttempts: z
    .number({ error: 'maxAttempts must be a number' })
    .int({ error: 'maxAttempts must be a whole number' })
    .min(1, { error: 'maxAttempts must be ≥ 1' })
    .default(5),
  /** A service up this long ran stably: its next failure is recovered with no delay, ms. Default 10000. */
  stableAfterMs: nonNegativeMs('stableAfterMs', 10_000),
  /** Healthy this long resets the attempt count (backoff starts over), ms. Default 600000 (10 min). */
  resetAfterMs: nonNegativeMs('resetAfterMs', 600_000),
  /** Degraded this long (without turning healthy) is a reason to restart, ms. Default 300000 (5 min). */
  degradedGraceMs: nonNegativeMs('degradedGraceMs', 300_000),
  /** After a start, not-ready (and failing probes) within this window is never a reason to restart, ms. Default 60000. */
  startGraceMs: nonNegativeMs('startGraceMs', 60_000),
  /** Consecutive failed health probes that make a service unhealthy (≥ 1). Default 3, as Kubernetes probes. */
  unhealthyAfterFailures: z
    .number({ error: 'unhealthyAfterFailures must be a number' })
    .int({ error: 'unhealthyAfterFailures must be a whole number' })
    .min(1, { error: 'unhealthyAfterFailures must be ≥ 1' })
    .default(3),
  /** Graceful stop timeout of a restart, seconds (the engine kills after it). Default 10, as `docker stop`. */
  stopTimeoutSec: z
    .number({ error: 'stopTimeoutSec must be a number' })
    .int({ error: 'stopTimeoutSec must be a whole number of seconds' })
    .min(0, { error: 'stopTimeoutSec must be ≥ 0 s' })
    .default(10),
  /** How long an action may take to give a healthy service before the attempt failed, ms (≥ 1). Default 30000. */
  healthTimeoutMs: z
    .number({ error: 'healthTimeoutMs must be a number' })
    .int({ error: 'healthTimeoutMs must be a whole number of milliseconds' })
    .min(1, { error: 'healthTimeoutMs must be ≥ 1 ms' })
    .default(30_000),
  /** Queue priority, lower first (≥ 0). Default: the service's depth in the dependency graph (dependencies first). */
  priority: z.number().int({ error: 'priority must be a whole number' }).min(0, { error: 'priority must be ≥ 0' }).optional(),
});

/** A service's recovery policy; parse `{}` for the defaults. An invalid policy fails with issues whose path names the field. */
export const recoveryPolicySchema = recoveryPolicyFields.strict().check((ctx) => {
  if (ctx.value.maxDelayMs < ctx.value.initialDelayMs)
    ctx.issues.push({
      code: 'custom',
      path: ['maxDelayMs'],
      input: ctx.value.maxDelayMs,
      message: `maxDelayMs (${ctx.value.maxDelayMs}) must be ≥ initialDelayMs (${ctx.value.initialDelayMs})`,
    });
});
export type RecoveryPolicy = z.infer<typeof recoveryPolicySchema>;
export type RecoveryPolicyInput = z.input<typeof recoveryPolicySchema>;

/** Where a supervised service stands. `awaiting-manual`: a manual-strategy service that failed waits for approval. */
export const serviceStateSchema = z.enum([
  'starting',
  'healthy',
  'degraded',
  'unavailable',
  'stopped-by-user',
  'crash-looping',
  'recovering',
  'given-up',
  'awaiting-manual',
]);
export type ServiceState = z.infer<typeof serviceStateSchema>;

/** A recovery plan's life: IDLE → SCHEDULED → IN_PROGRESS → SUCCEEDED | FAILED | AWAITING_MANUAL, or CANCELLED. */
export const planStateSchema = z.enum(['IDLE', 'SCHEDULED', 'IN_PROGRESS', 'SUCCEEDED', 'FAILED', 'AWAITING_MANUAL', 'CANCELLED']);
export type PlanState = z.infer<typeof planStateSchema>;

/** What a plan does, as shown and stored: a recreate lists the environment's keys only, never its values. */
export const recoveryActionViewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('start') }),
  z.object({ kind: z.literal('restart'), stopTimeoutSec: z.number().int().min(0) }),
  z.object({ kind: z.literal('recreate'), envKeys: z.array(z.string()) }),
]);
export type RecoveryActionView = z.infer<typeof recoveryActionViewSchema>;

const isoTime = z.iso.datetime();

export const recoveryPlanViewSchema = z.object({
  id: z.string(),
  service: z.string(),
  action: recoveryActionViewSchema,
  state: planStateSchema,
  /** Lower runs first among due plans. */
  priority: z.number().int(),
  /** 1-based attempt within the current crash loop. */
  attempt: z.number().int().min(1),
  maxAttempts: z.number().int().min(1),
  /** Backoff waited before this attempt, ms. */
  delayMs: z.number().int().min(0),
  reason: z.string(),
  /** Fingerprint of the stack when the plan was made; a plan whose stack changed is refused when due. */
  fingerprint: z.string(),
  createdAt: isoTime,
  dueAt: isoTime.nullable(),
  startedAt: isoTime.nullable(),
  finishedAt: isoTime.nullable(),
});
export type RecoveryPlanView = z.infer<typeof recoveryPlanViewSchema>;

export const serviceRecoveryStatusSchema = z.object({
  service: z.string(),
  state: serviceStateSchema,
  /** When the service entered `state`. */
  since: isoTime,
  reason: z.string(),
  strategy: recoveryStrategySchema,
  priority: z.number().int(),
  /** Attempts made in the current crash loop (reset after resetAfterMs healthy). */
  attempts: z.number().int().min(0),
  maxAttempts: z.number().int().min(1),
  lastAttemptAt: isoTime.nullable(),
  nextAttemptAt: isoTime.nullable(),
  /** Dependencies this service waits for before it is recovered. */
  waitingFor: z.array(z.string()),
});
export type ServiceRecoveryStatus = z.infer<typeof serviceRecoveryStatusSchema>;

export const recoveryStatusSchema = z.object({
  /** False while supervision is paused: due plans stay queued. */
  running: z.boolean(),
  /** At most this many plans run at once. */
  parallelism: z.number().int().min(1),
  /** Plans IN_PROGRESS. */
  active: z.array(recoveryPlanViewSchema),
  /** Plans SCHEDULED or AWAITING_MANUAL, in the order they would run. */
  queued: z.array(recoveryPlanViewSchema),
  services: z.array(serviceRecoveryStatusSchema),
});
export type RecoveryStatus = z.infer<typeof recoveryStatusSchema>;

/** One finished plan (SUCCEEDED, FAILED or CANCELLED). */
export const recoveryHistoryEntrySchema = z.object({
  at: isoTime,
  planId: z.string(),
  service: z.string(),
  action: z.enum(['start', 'restart', 'recreate']),
  state: planStateSchema,
  attempt: z.number().int().min(1),
  reason: z.string(),
  /** From IN_PROGRESS to the end, ms; null for a plan that never ran. */
  durationMs: z.number().min(0).nullable(),
});
export type RecoveryHistoryEntry = z.infer<typeof recoveryHistoryEntrySchema>;

/** What the store persists after every change; version bumps when the shape changes. */
export const recoverySnapshotSchema = z.object({
  version: z.literal(1),
  savedAt: isoTime,
  status: recoveryStatusSchema,
  history: z.array(recoveryHistoryEntrySchema),
});
export type RecoverySnapshot = z.infer<typeof recoverySnapshotSchema>;

export const notificationKindSchema = z.enum(['given-up', 'awaiting-manual', 'recovered-after-failure']);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

export const recoveryEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('service-state'),
    service: z.string(),
    state: serviceStateSchema,
    previous: serviceStateSchema,
    reason: z.string(),
    at: isoTime,
  }),
  z.object({
    type: z.literal('recovery'),
    planId: z.string(),
    service: z.string(),
    state: planStateSchema,
    action: recoveryActionViewSchema,
    attempt: z.number().int().min(1),
    maxAttempts: z.number().int().min(1),
    /** Backoff before this attempt, ms. */
    delayMs: z.number().int().min(0),
    reason: z.string(),
    at: isoTime,
  }),
  z.object({
    type: z.literal('notification'),
    service: z.string(),
    kind: notificationKindSchema,
    message: z.string(),
    /** Notifications of this service folded into this one by the debounce. */
    suppressed: z.number().int().min(0),
    at: isoTime,
  }),
]);
export type RecoveryEvent = z.infer<typeof recoveryEventSchema>;
export type ServiceStateEvent = Extract<RecoveryEvent, { type: 'service-state' }>;
export type RecoveryPlanEvent = Extract<RecoveryEvent, { type: 'recovery' }>;
export type RecoveryNotification = Extract<RecoveryEvent, { type: 'notification' }>;

export const recoveryErrorCodeSchema = z.enum([
  /** A policy failed validation; the message names the field. */
  'INVALID_POLICY',
  /** The service is not part of the supervised stack. */
  'UNKNOWN_SERVICE',
  /** No live plan has this id. */
  'UNKNOWN_PLAN',
  /** Only an AWAITING_MANUAL plan can be approved. */
  'PLAN_NOT_AWAITING',
  /** The service already has a live plan (at most one per service). */
  'PLAN_EXISTS',
  /** The stored snapshot is not one this version can read. */
  'INVALID_SNAPSHOT',
]);
export type RecoveryErrorCode = z.infer<typeof recoveryErrorCodeSchema>;
/** Answers of the recovery engine's commands: expected failures are values. */
export type RecoveryResult<T> = { ok: true; value: T } | { ok: false; error: { code: RecoveryErrorCode; message: string } };

/** One component of a service's health body (`checks` of `GET /health`), as the Recovery view lists it. */
export const componentCheckSchema = z.object({
  component: z.string(),
  /** The component's own word (`healthy`, `degraded`, `unhealthy`, `ok`, `down`…), or `unknown` when it gave none. */
  status: z.string(),
  /** Its message, when it gave one: trimmed to 200 characters, secrets redacted. */
  detail: z.string().optional(),
});
export type ComponentCheck = z.infer<typeof componentCheckSchema>;

/** The per-component `checks` of a service's latest health body. */
export const serviceChecksSchema = z.object({
  /** When the body was read. */
  at: isoTime,
  /** In the body's order; at most 50. */
  components: z.array(componentCheckSchema),
});
export type ServiceChecks = z.infer<typeof serviceChecksSchema>;

/** Where supervision stands: the recovery engine's status plus the engine connection and the pause switch. */
export const supervisionStatusSchema = z.object({
  /** Whether supervision was started (long-running faces only). */
  started: z.boolean(),
  paused: z.boolean(),
  engine: z.object({
    state: z.enum(['connecting', 'connected', 'lost']),
    /** Since when, ISO. */
    since: isoTime,
    /** Set while lost: the reconnect attempt and when the next one is due. */
    attempt: z.number().int().min(0).optional(),
  }),
  /** The supervised workspace and compose projects. */
  workspace: z.string(),
  projects: z.array(z.string()),
  recovery: recoveryStatusSchema,
  /** Per-service policies in force (defaults filled in). */
  policies: z.record(z.string(), recoveryPolicySchema),
  /** Per service whose health body has `checks`: its components' latest word. Services without are absent. */
  checks: z.record(z.string(), serviceChecksSchema),
});
export type SupervisionStatus = z.infer<typeof supervisionStatusSchema>;

/** Everything `watch --json` prints and the Recovery view receives, one line / event each. */
export const supervisionEventSchema = z.union([
  recoveryEventSchema,
  z.object({
    type: z.literal('engine'),
    state: z.enum(['connected', 'lost', 'reconciled']),
    /** For `lost`: reconnect attempt and delay before it; for `reconciled`: what changed while away. */
    attempt: z.number().int().min(0).optional(),
    delayMs: z.number().int().min(0).optional(),
    changed: z.array(z.string()).optional(),
    at: isoTime,
  }),
  z.object({
    type: z.literal('heartbeat'),
    service: z.string(),
    status: z.enum(['healthy', 'degraded', 'overloaded', 'shutting_down', 'missing', 'stale', 'invalid']),
    ageMs: z.number().min(0).nullable(),
    at: isoTime,
  }),
  z.object({ type: z.literal('supervision'), state: z.enum(['started', 'paused', 'resumed', 'stopped']), at: isoTime }),
]);
export type SupervisionEvent = z.infer<typeof supervisionEventSchema>;
