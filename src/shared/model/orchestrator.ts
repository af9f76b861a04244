import { z } from 'zod';
import { probeResultSchema } from './probe.ts';

/** The default target: the docker alias the orchestrator client is configured with in a typical stack. */
export const DEFAULT_ORCHESTRATOR_URL = 'http://orchestrator-service:8006';
/** Where a docker alias's published port is usually reachable from the host. */
export const DEFAULT_FALLBACK_URL = 'http://localhost:8006';

/** `not-checked`: the run stopped before deciding (e.g. an invalid stack config). */
export const targetDecisionSchema = z.enum(['as-configured', 'localhost-fallback', 'unresolvable', 'not-checked']);

export const targetAttemptSchema = z.object({
  url: z.string(),
  /** `dns` then `connect`/`health`: the step that decided this attempt. */
  step: z.enum(['dns', 'connect', 'health']),
  result: probeResultSchema,
});
export type TargetAttempt = z.infer<typeof targetAttemptSchema>;

/** Where the orchestrator really lives, decided at run time from where Stack Doctor runs. */
export const orchestratorTargetSchema = z.object({
  configuredUrl: z.string(),
  /** Where the configured URL came from: `default`, `settings`, `config:<file>`, `env:ORCHESTRATOR_SERVICE_URL`. */
  configuredFrom: z.string(),
  resolvedUrl: z.string().nullable(),
  decision: targetDecisionSchema,
  reason: z.string(),
  /** True when the configured host is a docker alias (single-label and defined by the stack, or configured). */
  hostIsAlias: z.boolean(),
  attempts: z.array(targetAttemptSchema),
  /**
   * Whether this stack has an orchestrator: one is configured (`--orchestrator-url`, settings, stack-doctor.yaml,
   * the process's `ORCHESTRATOR_SERVICE_URL`), a container's environment refers to one, or a service or alias is
   * named like one. `false`: nothing was probed, no orchestrator finding is made, `decision` is `not-checked` and
   * `reason` starts with "no orchestrator in this stack". Always written by this version; absent (older reports)
   * reads as `true`.
   */
  present: z.boolean().optional(),
});
export type OrchestratorTarget = z.infer<typeof orchestratorTargetSchema>;
