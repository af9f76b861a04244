import type { OrchestratorTarget } from '../../../shared/model/index.ts';
import { orchestratorFindings } from '../findings/orchestrator.rules.ts';
import { resolveOrchestratorTarget, type TargetInput } from '../orchestrator/resolve-target.ts';
import type { Check } from './check.ts';
import { orchestratorTargetFacts } from './check-facts.ts';

/**
 * Where the orchestrator really lives from here: as configured, the localhost fallback, or unresolvable.
 * One subject per run; its fact is the report's `orchestrator` section.
 */
export const orchestratorTargetCheck: Check<TargetInput, OrchestratorTarget> = {
  id: 'orchestrator-target',
  key: orchestratorTargetFacts,
  subjects: (scope) => [scope.orchestrator],
  timeoutOf: (input) => input.timeoutMs,
  run: async (input, { net }) => [await resolveOrchestratorTarget(net, input)],
  failed: (input, error) => [
    {
      configuredUrl: input.configuredUrl,
      configuredFrom: input.configuredFrom,
      resolvedUrl: null,
      decision: 'unresolvable',
      reason: `the target decision did not finish (${error.code}: ${error.message})`,
      hostIsAlias: false,
      attempts: [],
    },
  ],
  findings: (facts, scope) =>
    facts
      .get(orchestratorTargetFacts)
      .flatMap((orchestrator) => orchestratorFindings({ orchestrator, services: [...scope.services], runtime: scope.runtime })),
};
