import type { ContainerEvent } from '../../core/ports/engine-events.port.ts';
import type { ServiceObservation } from '../../core/recovery/service-observation.ts';

/** What the translator needs to know about the stack and about Stack Doctor's own actions. */
export interface TranslationContext {
  /** The member service of a container, or undefined for a container outside the stack. */
  serviceOf(containerId: string, labels: Readonly<Record<string, string>>): string | undefined;
  /** Whether a stop/kill of this container is Stack Doctor's own. */
  isSelf(containerId: string): boolean;
  /** A `die` of this container: true when it ended Stack Doctor's own stop (swallowed). */
  consumeSelfDie(containerId: string): boolean;
  /** An `oom` event of this container was seen (its `die` follows): true once, for that `die`. */
  takeOom(containerId: string): boolean;
  noteOom(containerId: string): void;
  /** The service's current container: events of an older one (a replaced twin's original) are not the service's. */
  currentContainer(service: string): string | null;
}

/** Signals a `kill` event carries that end the process (others, e.g. SIGHUP, are reloads and say nothing). */
const ENDING_SIGNALS = new Set(['9', '15', '2', '3', 'SIGKILL', 'SIGTERM', 'SIGINT', 'SIGQUIT']);

/**
 * Turns one engine container event into the observation(s) the recovery engine takes. A `die` after Stack
 * Doctor's own stop is swallowed; a stop/kill not issued by Stack Doctor is the user's (`bySelf: false`).
 * Containers outside the stack give nothing.
 */
export function translateContainerEvent(event: ContainerEvent, ctx: TranslationContext): ServiceObservation[] {
  const service = ctx.serviceOf(event.containerId, event.labels);
  if (service === undefined) return [];
  const current = ctx.currentContainer(service);
  const ofCurrent = current === null || current === event.containerId;
  switch (event.action) {
    case 'start':
      return [{ kind: 'container-started', service, containerId: event.containerId }];
    case 'restart':
      return [];
    case 'stop':
      return ofCurrent ? [{ kind: 'stop-requested', service, signal: 'stop', bySelf: ctx.isSelf(event.containerId) }] : [];
    case 'kill':
      if (!ofCurrent || (event.signal !== undefined && !ENDING_SIGNALS.has(event.signal))) return [];
      return [{ kind: 'stop-requested', service, signal: 'kill', bySelf: ctx.isSelf(event.containerId) }];
    case 'die':
      if (ctx.consumeSelfDie(event.containerId) || !ofCurrent) return [];
      return [{ kind: 'container-died', service, exitCode: event.exitCode ?? -1, oom: ctx.takeOom(event.containerId) }];
    case 'oom':
      // The `die` that follows carries the exit code; the oom makes it an OOM kill.
      ctx.noteOom(event.containerId);
      return [];
    case 'health_status':
      return ofCurrent && event.health ? [{ kind: 'docker-health', service, status: event.health }] : [];
    default:
      return [];
  }
}
