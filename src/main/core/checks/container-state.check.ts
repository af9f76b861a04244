import type { ContainerInfo, StackService } from '../../../shared/model/index.ts';
import { containerFindings } from '../findings/container.rules.ts';
import type { Check } from './check.ts';
import { failedProbe } from './failed-probe.ts';
import { containerStateFacts, type ContainerStateFact } from './check-facts.ts';
import { containerStateResult } from './container-state.mapper.ts';

type WithContainer = StackService & { container: ContainerInfo };

/**
 * Container state: exited, restarting, unhealthy, or declared and never created. No I/O: the engine's
 * listing already holds the state; the findings exist only when the engine answered.
 */
export const containerStateCheck: Check<WithContainer, ContainerStateFact> = {
  id: 'container-state',
  key: containerStateFacts,
  subjects: (scope) => scope.services.filter((s): s is WithContainer => s.container !== null),
  run: async (service) => [{ service, probe: containerStateResult(service.container) }],
  failed: (service, error, latencyMs) => [{ service, probe: failedProbe('container', service.container.name, 'engine', error, latencyMs) }],
  findings: (_facts, scope) => (scope.engine.ok ? containerFindings([...scope.services]) : []),
  evidence: (facts) => facts.map((fact) => [fact.service, fact.probe] as const),
};
