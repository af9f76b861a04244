import type { RecoveryResult } from '../../shared/model/index.ts';
import type { SupervisorService } from '../app/supervisor-service.ts';
import { ContractFailure } from './contract-failure.ts';
import type { Handlers } from './dispatch.ts';

type SupervisionHandlers = Pick<
  Handlers,
  | 'getSupervisionStatus'
  | 'getRecoveryHistory'
  | 'setRecoveryPolicy'
  | 'cancelRecoveryPlan'
  | 'approveRecoveryPlan'
  | 'pauseSupervision'
  | 'resumeSupervision'
>;

/** zod's prettified issues end with `→ at <path>`: the first one names the policy field. */
const FIELD_AT = /→ at ([\w.]+)/;

/** A refused command becomes the contract's error envelope; the recovery codes are contract codes of their own. */
function unwrap<T>(result: RecoveryResult<T>): T {
  if (result.ok) return result.value;
  const { code, message } = result.error;
  if (code === 'INVALID_SNAPSHOT') throw new Error(message);
  const field = code === 'INVALID_POLICY' ? FIELD_AT.exec(message)?.[1] : undefined;
  throw new ContractFailure(code, message, field === undefined ? undefined : `policy.${field}`);
}

/**
 * The supervision channels over `services.supervisor`. Without one (a host that does not supervise), every channel
 * answers UNAVAILABLE, so the Recovery view can say so instead of failing.
 */
export function createSupervisionHandlers(supervisor: SupervisorService | undefined): SupervisionHandlers {
  const use = (): SupervisorService => {
    if (!supervisor) throw new ContractFailure('UNAVAILABLE', 'Supervision is not available in this host.');
    return supervisor;
  };
  return {
    getSupervisionStatus: async () => use().status(),
    getRecoveryHistory: async ({ limit }) => use().history(limit),
    setRecoveryPolicy: async ({ service, policy }) => unwrap(use().setPolicy(service, policy)),
    cancelRecoveryPlan: async ({ planId }) => unwrap(use().cancel(planId)),
    approveRecoveryPlan: async ({ planId }) => unwrap(use().approve(planId)),
    pauseSupervision: async () => {
      use().pause();
      return use().status();
    },
    resumeSupervision: async () => {
      use().resume();
      return use().status();
    },
  };
}
