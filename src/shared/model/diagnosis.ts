import { z } from 'zod';
import { findingSchema } from './finding.ts';
import { orchestratorTargetSchema } from './orchestrator.ts';
import { probeResultSchema } from './probe.ts';
import { runtimeSchema } from './runtime.ts';
import { containerInfoSchema, dependencyTargetSchema, serviceRoleSchema, stackProjectSchema } from './stack.ts';

export const verdictSchema = z.enum(['healthy', 'degraded', 'unhealthy']);
export type Verdict = z.infer<typeof verdictSchema>;

/** How a verdict on reachability was reached: the network model, a lookup run in the container, or both. */
export const verdictBasisSchema = z.enum(['topology', 'lookup', 'topology+lookup', 'probe', 'not-checked']);

export const reachabilitySchema = z.object({
  resolves: z.boolean().nullable(),
  answers: z.boolean().nullable(),
  basis: verdictBasisSchema,
  /** One line: `shares network shop_backend`, `ENOTFOUND`, `nslookup: can't resolve`… */
  note: z.string(),
});
export type Reachability = z.infer<typeof reachabilitySchema>;

/** One row of the runtime truth matrix: a consumer's configured backend target and what reaches it. */
export const matrixTargetSchema = dependencyTargetSchema.extend({
  consumer: z.string(),
  fromContainer: reachabilitySchema,
  fromHost: reachabilitySchema,
});
export type MatrixTarget = z.infer<typeof matrixTargetSchema>;

export const matrixProjectSchema = stackProjectSchema.extend({
  containersUp: z.number().int(),
  containersTotal: z.number().int(),
  targets: z.array(matrixTargetSchema),
});
export type MatrixProject = z.infer<typeof matrixProjectSchema>;

export const serviceReportSchema = z.object({
  name: z.string(),
  project: z.string(),
  role: serviceRoleSchema,
  container: containerInfoSchema.nullable(),
  dependsOn: z.array(z.string()),
  probes: z.array(probeResultSchema),
});
export type ServiceReport = z.infer<typeof serviceReportSchema>;

export const engineReportSchema = z.object({
  ok: z.boolean(),
  /** `unix:///var/run/docker.sock`, `tcp://…`: where we looked. */
  endpoint: z.string(),
  /** Active docker context name when one was used. */
  context: z.string().optional(),
  version: z.string().optional(),
  probe: probeResultSchema,
});
export type EngineReport = z.infer<typeof engineReportSchema>;

/** A compose project the engine runs, offered when the workspace matched nothing. */
export const knownProjectSchema = z.object({
  name: z.string(),
  workingDir: z.string().optional(),
  containers: z.number().int(),
});

/** The result of one `check`: the JSON schema `stack-doctor check --json` prints. */
export const diagnosisSchema = z.object({
  verdict: verdictSchema,
  checkedAt: z.string(),
  durationMs: z.number().nonnegative(),
  correlationId: z.string(),
  workspace: z.string(),
  runtime: runtimeSchema,
  engine: engineReportSchema,
  orchestrator: orchestratorTargetSchema,
  projects: z.array(matrixProjectSchema),
  services: z.array(serviceReportSchema),
  findings: z.array(findingSchema),
  /** Compose projects running on the engine but not tied to the workspace (filled when nothing matched). */
  otherProjects: z.array(knownProjectSchema),
});
export type Diagnosis = z.infer<typeof diagnosisSchema>;
