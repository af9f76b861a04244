import { z } from 'zod';

/** What a service says about itself in its heartbeat. */
export const heartbeatStatusSchema = z.enum(['healthy', 'degraded', 'overloaded', 'shutting_down']);

/**
 * The JSON value of a key `service:heartbeat:{serviceId}:{appId}` (written with a 90 s TTL). Extra fields
 * (eventId, serviceId, appId…) are kept. `status` is matched case-insensitively; `timestamp` is ISO 8601 (no
 * offset = UTC) or epoch seconds/milliseconds, as a number or a numeric string.
 */
export const heartbeatPayloadSchema = z.looseObject({
  status: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), heartbeatStatusSchema),
  timestamp: z.union([z.string().min(1), z.number()]),
  /** Free-form capacity facts (connections, load…), passed through for display. */
  capacity: z.unknown().optional(),
});

/**
 * What a heartbeat means for supervision: `available` (fresh; `status` says healthy, degraded or overloaded),
 * `unavailable` (missing, older than the limit, or unreadable: recover it), `leave-alone` (`shutting_down`: the
 * service is going away on purpose; never restart it for that).
 */
export const heartbeatAvailabilitySchema = z.enum(['available', 'unavailable', 'leave-alone']);

/** The verdict on one service's heartbeat. */
export const heartbeatVerdictSchema = z.object({
  serviceId: z.string(),
  appId: z.string(),
  key: z.string(),
  availability: heartbeatAvailabilitySchema,
  /** Why: `fresh`, `missing`, `stale` (older than the limit), `invalid` (not the expected JSON), `shutting-down`. */
  reason: z.enum(['fresh', 'missing', 'stale', 'invalid', 'shutting-down']),
  /** As reported by the service, when readable. */
  status: heartbeatStatusSchema.optional(),
  /** Age of the heartbeat when judged, ms. */
  ageMs: z.number().nonnegative().optional(),
  /** The heartbeat's own timestamp, ISO 8601. */
  timestamp: z.string().optional(),
  capacity: z.unknown().optional(),
  message: z.string(),
});
export type HeartbeatVerdict = z.infer<typeof heartbeatVerdictSchema>;

/**
 * `heartbeats:` of a stack's configuration (for the stack config schema to adopt): where services write their
 * heartbeats and which of them to expect.
 */
export const heartbeatConfigSchema = z
  .object({
    /** `redis://[[user]:password@]host[:port][/db]`; the password is never shown or logged. */
    redisUrl: z.string().min(1),
    /** Only keys of this app (`…:{appId}`); all apps when absent. */
    appId: z.string().min(1).optional(),
    /** Service ids expected to beat: a missing one is `unavailable`. */
    services: z.array(z.string().min(1)).optional(),
    /** A heartbeat older than this is `unavailable`, ms. Default 90000 (the writers' TTL). */
    maxAgeMs: z.number().int().positive().optional(),
  })
  .strict();
