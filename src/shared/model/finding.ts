import { z } from 'zod';
import { probeResultSchema } from './probe.ts';

/** Stable finding ids. Documented in README.md#finding-codes; never rename one. */
export const findingIdSchema = z.enum([
  'DOCKER_UNREACHABLE',
  'CONTAINER_EXITED',
  'CONTAINER_RESTARTING',
  'CONTAINER_UNHEALTHY',
  'SERVICE_NOT_CREATED',
  'DNS_UNRESOLVABLE_FROM_CONTAINER',
  'DNS_UNRESOLVABLE_FROM_HOST',
  'PORT_CLOSED',
  'PORT_NOT_PUBLISHED',
  'HTTP_HEALTH_FAILED',
  'HEALTH_DEGRADED',
  'WS_HANDSHAKE_FAILED',
  'RUNTIME_TARGET_UNRESOLVABLE',
  'ORCHESTRATOR_LOCALHOST_FALLBACK',
  'CONFIG_INVALID',
  'NO_STACK_FOUND',
]);
export type FindingId = z.infer<typeof findingIdSchema>;

export const severitySchema = z.enum(['info', 'warning', 'error']);
export type Severity = z.infer<typeof severitySchema>;

export const fixActionKindSchema = z.enum([
  'start-container',
  'restart-container',
  'network-connect',
  'start-engine',
  'edit-config',
  'publish-port',
]);

/** A fix a later repair can carry out: kind plus string parameters (container, network, alias…). */
export const fixActionSchema = z.object({
  kind: fixActionKindSchema,
  params: z.record(z.string(), z.string()),
});
export type FixAction = z.infer<typeof fixActionSchema>;

export const fixSchema = z.object({
  /** What to do now, in one or two sentences. */
  description: z.string(),
  /** The change that keeps it fixed (e.g. the compose edit), when the immediate fix is a workaround. */
  lasting: z.string().optional(),
  /** A shell command the user can paste, when there is one. */
  command: z.string().optional(),
  action: fixActionSchema.optional(),
});

export const findingSchema = z.object({
  id: findingIdSchema,
  severity: severitySchema,
  /** What the finding is about: a service, container, URL or file. */
  subject: z.string(),
  summary: z.string(),
  cause: z.string(),
  evidence: z.array(probeResultSchema),
  fix: fixSchema,
});
export type Finding = z.infer<typeof findingSchema>;

const severityRank: Record<Severity, number> = { error: 2, warning: 1, info: 0 };

/** Worst first; ties keep a stable order by id then subject. */
export function compareFindings(a: Finding, b: Finding): number {
  return severityRank[b.severity] - severityRank[a.severity] || a.id.localeCompare(b.id) || a.subject.localeCompare(b.subject);
}
