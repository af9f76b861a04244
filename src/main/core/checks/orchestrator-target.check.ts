import type { OrchestratorTarget } from '../../../shared/model/index.ts';
import { orchestratorFindings } from '../findings/orchestrator.rules.ts';
import { orchestratorPresence, type Presence } from '../orchestrator/orchestrator-presence.ts';
import { resolveOrchestratorTarget, type TargetInput } from '../orchestrator/resolve-target.ts';
import type { Check } from './check.ts';
import { orchestratorTargetFacts } from './check-facts.ts';
import { redactText, redactUrl } from '../../../shared/redact.ts';
import { redactTarget } from '../orchestrator/redact-target.ts';

interface Subject {
  input: TargetInput;
  presence: Presence;
}

/**
 * Where the orchestrator really lives from here: as configured, the localhost fallback, or unresolvable.
 * One subject per run; its fact is the report's `orchestrator` section. A stack without an orchestrator (see
 * orchestratorPresence) is not probed: its section says so once (`present: false`) and no finding follows.
 */
export const orchestratorTargetCheck: Check<Subject, OrchestratorTarget> = {
  id: 'orchestrator-target',
  key: orchestratorTargetFacts,
  subjects: (scope) => [
    {
      input: scope.orchestrator,
      presence: orchestratorPresence({
        orchestrator: scope.orchestrator,
        configSection: scope.config.orchestrator,
        services: scope.services,
        aliases: scope.stack.aliases,
      }),
    },
  ],
  timeoutOf: ({ input }) => input.timeoutMs,
  async run({ input, presence }, { net }) {
    if (!presence.present) {
      return [
        {
          configuredUrl: redactUrl(input.configuredUrl),
          configuredFrom: input.configuredFrom,
          resolvedUrl: null,
          decision: 'not-checked',
          reason: presence.reason,
          hostIsAlias: false,
          attempts: [],
          present: false,
        },
      ];
    }
    // Findings, the report and the events see the target with any credentials of its URLs redacted.
    return [{ ...redactTarget(await resolveOrchestratorTarget(net, input)), present: true }];
  },
  failed: ({ input }, error) => [
    {
      configuredUrl: redactUrl(input.configuredUrl),
      configuredFrom: input.configuredFrom,
      resolvedUrl: null,
      decision: 'unresolvable',
      reason: redactText(`the target decision did not finish (${error.code}: ${error.message})`),
      hostIsAlias: false,
      attempts: [],
      present: true,
    },
  ],
  findings: (facts, scope) =>
    facts
      .get(orchestratorTargetFacts)
      .flatMap((orchestrator) => orchestratorFindings({ orchestrator, services: [...scope.services], runtime: scope.runtime })),
};
