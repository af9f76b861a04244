import { z } from 'zod';

/** A failure that was expected and measured, never thrown: `{ code, message }`. */
export const probeErrorSchema = z.object({
  /** Stable machine code, e.g. `ENOTFOUND`, `ECONNREFUSED`, `TIMEOUT`, `HTTP_503`. */
  code: z.string(),
  message: z.string(),
});
export type ProbeError = z.infer<typeof probeErrorSchema>;

export const probeKindSchema = z.enum([
  'engine',
  'container',
  'dns-host',
  'dns-container',
  'tcp',
  'http',
  'ws',
  'orchestrator',
  'redis',
  'postgres',
  'mysql',
  'amqp',
]);
export type ProbeKind = z.infer<typeof probeKindSchema>;

/** The outcome of one probe. Every probe reports this shape, failing or not. */
export const probeResultSchema = z.object({
  kind: probeKindSchema,
  /** What was probed, human readable: `orchestrator-service:8006`, `http://localhost:8006/health`. */
  target: z.string(),
  /** Where the probe ran from: `host` or a container name. */
  from: z.string(),
  ok: z.boolean(),
  latencyMs: z.number().nonnegative(),
  error: probeErrorSchema.optional(),
  /** Probe-specific facts: addresses, status code, health body, lookup tool used… */
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type ProbeResult = z.infer<typeof probeResultSchema>;
