import type { NotificationKind, RecoveryPolicy } from '../../../shared/model/recovery.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { DependencyGraph } from './dependency-graph.ts';
import type { PlanBook } from './plan-book.ts';
import type { PlanQueue } from './plan-queue.ts';
import type { MachineContext } from './service-machine.types.ts';
import type { ServiceMachine } from './service-state.machine.ts';

/** What the engine's parts (decisions, executor, restore) share; the engine implements it. */
export interface EngineCore {
  readonly clock: Clock;
  readonly book: PlanBook;
  readonly queue: PlanQueue;
  readonly graph: DependencyGraph;
  /** False while paused: due plans stay queued. */
  readonly running: boolean;
  /** True once the engine is disposed: a plan that ends after it changes nothing. */
  readonly disposed: boolean;
  machine(service: string): ServiceMachine | undefined;
  policy(service: string): RecoveryPolicy;
  /** Queue priority: the policy's, else the service's depth in the dependency graph. */
  priority(service: string): number;
  /** The current stack fingerprint; a plan made under another one is refused when due. */
  fingerprint(): string;
  context(service: string): MachineContext;
  notify(service: string, kind: NotificationKind, message: string): void;
  /** Something changed: persist, and re-arm the service's wake-up timer. It does not run plans (see pump). */
  changed(service?: string): void;
  /** Takes due plans while the parallelism allows. */
  pump(): void;
}

/** Dependencies of `service` that are down now: stack services observed and not up, and external ones reported down. */
export function downDependencies(core: EngineCore, service: string): string[] {
  const down = core.graph.dependenciesOf(service).filter((name) => {
    const m = core.machine(name);
    return m !== undefined && m.observed && !m.isUp;
  });
  return [...down, ...(core.machine(service)?.externalDown ?? [])];
}
