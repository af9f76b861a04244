import type { RecoveryEvent, RecoveryPolicyInput } from '../../../../../src/shared/model/recovery.ts';
import { RecoveryEngine, type RecoveryEngineOptions } from '../../../../../src/main/core/recovery/recovery-engine.ts';
import { SettlingClock } from './settling-clock.ts';
import { FakeStack, MemoryStore, type Behaviour } from './fake-stack.ts';

export interface HarnessService {
  name: string;
  dependsOn?: string[];
  behaviour?: Behaviour;
  policy?: RecoveryPolicyInput;
}

/** An engine over a FakeStack on a FakeClock, its services booted and healthy-or-not per behaviour. */
export function harness(
  services: HarnessService[],
  options: RecoveryEngineOptions = {},
  clock = new SettlingClock(),
  store = new MemoryStore(),
) {
  const stack = new FakeStack(clock);
  let ids = 0;
  const engine = new RecoveryEngine({ clock, actions: stack, health: stack, store, newId: () => `plan-${++ids}` }, options);
  stack.sink = (obs) => engine.observe(obs);
  const events: RecoveryEvent[] = [];
  engine.events((e) => events.push(e));
  for (const s of services) stack.add(s.name, s.behaviour ?? 'healthy');
  const set = engine.setStack({
    config: { project: 'demo' },
    services: services.map((s) => ({
      name: s.name,
      dependsOn: s.dependsOn ?? [],
      policy: s.policy,
      containerId: stack.get(s.name).containerId,
    })),
  });
  if (!set.ok) throw new Error(set.error.message);
  return {
    clock,
    stack,
    store,
    engine,
    events,
    /** The service's states in order, from its service-state events. */
    states: (service: string) => events.flatMap((e) => (e.type === 'service-state' && e.service === service ? [e.state] : [])),
    /** The service's plan events as `STATE@attempt+delay`. */
    plans: (service: string) =>
      events.flatMap((e) => (e.type === 'recovery' && e.service === service ? [`${e.state}@${e.attempt}+${e.delayMs}`] : [])),
    notifications: () => events.flatMap((e) => (e.type === 'notification' ? [e] : [])),
    state: (service: string) => engine.machine(service)?.state,
  };
}

/** Boots every service and lets them settle (healthy ones become healthy via the stability window). */
export async function bootAll(h: ReturnType<typeof harness>, names: string[]): Promise<void> {
  for (const name of names) h.stack.boot(name);
  await h.clock.advance(10_000);
}
