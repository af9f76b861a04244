import { z } from 'zod';
import { lookActionSchema, repairActionSchema } from './fix-action.ts';
import { probeResultSchema } from './probe.ts';
import { compareNames } from '../compare-names.ts';

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
  'PROTOCOL_UNANSWERED',
  'RUNTIME_TARGET_UNRESOLVABLE',
  'ORCHESTRATOR_LOCALHOST_FALLBACK',
  'CONFIG_INVALID',
  'NO_STACK_FOUND',
]);
export type FindingId = z.infer<typeof findingIdSchema>;

export const severitySchema = z.enum(['info', 'warning', 'error']);
export type Severity = z.infer<typeof severitySchema>;

export const fixSchema = z.object({
  /** What to do now, in one or two sentences. */
  description: z.string(),
  /** The change that keeps it fixed (e.g. the compose edit), when the immediate fix is a workaround. */
  lasting: z.string().optional(),
  /**
   * The shell command a user can paste: always `commandLine(look ?? action)` (shared/command/fix-command.ts),
   * never written by hand. Absent when neither has a command, or when a name it needs is invalid.
   */
  command: z.string().optional(),
  /** A read-only command to run first that shows why (logs, health, DNS); when present, `command` is its line. */
  look: lookActionSchema.optional(),
  /** The change that answers the finding: one a repair may carry out, or one it leaves to the user. */
  action: repairActionSchema.optional(),
});
export type Fix = z.infer<typeof fixSchema>;

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
  return severityRank[b.severity] - severityRank[a.severity] || compareNames(a.id, b.id) || compareNames(a.subject, b.subject);
}
