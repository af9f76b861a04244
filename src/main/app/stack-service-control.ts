import { errorMessage } from '../../shared/error-message.ts';
import type { Diagnosis } from '../../shared/model/index.ts';
import type { EngineControlPort } from '../core/ports/engine-control.port.ts';
import { EngineError } from '../core/ports/engine-error.ts';
import type { EngineReadPort } from '../core/ports/engine-read.port.ts';

/** What the tray may do to one service's container; a Stop is the user's (supervision leaves it stopped). */
export type ServiceOp = 'start' | 'stop' | 'restart';

/** Budget of one engine call of a tray action, ms (a stop adds the container's own grace period). */
export const SERVICE_OP_TIMEOUT_MS = 30_000;

export type ServiceOpResult =
  { ok: true; message: string } | { ok: false; code: 'NOT_CHECKED' | 'NOT_IN_STACK' | 'STACK_CHANGED' | 'ENGINE_ERROR'; message: string };

/**
 * Start, stop or restart one service of the stack, by name; refuses anything outside it. Built by the app
 * (`AppServices.serviceControl`) over its engine client and diagnosis; the tray's service actions use it.
 */
export interface ServiceControl {
  act(op: ServiceOp, service: string): Promise<ServiceOpResult>;
}

export interface StackServiceControlDeps {
  /** The app's last diagnosis: its services are the stack the tray shows, and the only containers it acts on. */
  lastDiagnosis: () => Diagnosis | null;
  /** The app's engine client, used directly (see below). */
  engine: Pick<EngineReadPort, 'inspectContainer'> & Pick<EngineControlPort, 'start' | 'stop' | 'restart'>;
}

const PROJECT = 'com.docker.compose.project';
const SERVICE = 'com.docker.compose.service';

/**
 * The tray's service actions. Membership: the service must be one of the last diagnosis' services and have a
 * container; that container is read again by the id the diagnosis recorded, and its compose labels must still name
 * the same project and service (a container that was replaced or relabelled is refused: check again first).
 *
 * The engine is called directly, never through the recovery actions and their self-action ledger: a Stop from the
 * tray is the user's own, so the supervisor sees a stop/kill it did not issue and records `stopped-by-user` (and
 * does not restart it), exactly as for `docker stop` in a terminal.
 */
export function createStackServiceControl({ lastDiagnosis, engine }: StackServiceControlDeps): ServiceControl {
  return {
    async act(op, name) {
      const diagnosis = lastDiagnosis();
      if (!diagnosis) return { ok: false, code: 'NOT_CHECKED', message: 'The stack has not been checked yet.' };
      const service = diagnosis.services.find((s) => s.name === name);
      if (!service) return { ok: false, code: 'NOT_IN_STACK', message: `${name} is not a service of the stack; nothing was done.` };
      const recorded = service.container;
      if (!recorded) return { ok: false, code: 'NOT_IN_STACK', message: `${name} has no container (never created); nothing was done.` };
      try {
        const now = await engine.inspectContainer(recorded.id, SERVICE_OP_TIMEOUT_MS);
        if (now.labels[PROJECT] !== recorded.labels[PROJECT] || now.labels[SERVICE] !== recorded.labels[SERVICE]) {
          return { ok: false, code: 'STACK_CHANGED', message: `${recorded.name} is no longer ${name} of the stack; check again.` };
        }
        const options = { timeoutMs: SERVICE_OP_TIMEOUT_MS };
        if (op === 'start') await engine.start(now.id, options);
        else if (op === 'stop') await engine.stop(now.id, options);
        else await engine.restart(now.id, options);
        return { ok: true, message: `${pastTense[op]} ${name} (${now.name}).` };
      } catch (error) {
        if (error instanceof EngineError && error.code === 'NOT_FOUND') {
          return { ok: false, code: 'STACK_CHANGED', message: `${recorded.name} is gone; check again.` };
        }
        return { ok: false, code: 'ENGINE_ERROR', message: `Could not ${op} ${name}: ${errorMessage(error)}` };
      }
    },
  };
}

const pastTense: Record<ServiceOp, string> = { start: 'Started', stop: 'Stopped', restart: 'Restarted' };
