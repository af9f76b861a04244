import { createSupervisorService, type SupervisorDeps } from '../../../src/main/app/create-supervisor-service.ts';
import type { HeartbeatStorePort, StoredEntry } from '../../../src/main/core/ports/heartbeat.port.ts';
import type { EngineEventsOptions, EngineStreamMessage } from '../../../src/main/core/ports/engine-events.port.ts';
import type { ContainerInfo, Diagnosis, ServiceReport, StackConfig, SupervisionEvent } from '../../../src/shared/model/index.ts';
import { diagnosisFixture } from '../cli/diagnosis.fixture.ts';
import { FakeClock } from '../support/fake-clock.ts';

/** A heartbeat store whose entries the test sets; it records the patterns it was asked for. */
export class FakeHeartbeatStore implements HeartbeatStorePort {
  entries: StoredEntry[] = [];
  fail = false;
  readonly patterns: string[] = [];

  readMatching(pattern: string): ReturnType<HeartbeatStorePort['readMatching']> {
    this.patterns.push(pattern);
    if (this.fail) return Promise.resolve({ ok: false, error: { code: 'ECONNREFUSED', message: 'refused' }, latencyMs: 1 });
    return Promise.resolve({ ok: true, entries: [...this.entries], truncated: false, latencyMs: 1 });
  }
}

export interface HarnessOptions {
  services: ServiceReport[];
  config?: StackConfig;
  net?: SupervisorDeps['net'];
  heartbeats?: FakeHeartbeatStore;
  store?: SupervisorDeps['store'];
  /** The engine's container list; default: the containers of the latest diagnosis. */
  listContainers?: () => Promise<ContainerInfo[]>;
}

/**
 * The supervisor over fakes behind its ports (the fake clock, an engine whose list answers the services and whose
 * event stream sends what the test says, a store that keeps nothing, actions that are never reached), with the stack
 * config, network port and heartbeat store the test gives. Events are collected; `diagnosed` plays a periodic check.
 */
export function supervisorHarness(options: HarnessOptions) {
  const clock = new FakeClock();
  let diagnosis: Diagnosis = diagnosisFixture({ workspace: '/work/shop', services: options.services });
  let streamListener: ((m: EngineStreamMessage) => void) | undefined;
  const diagnosisListeners = new Set<(d: Diagnosis) => void>();
  const unused = (): Promise<never> => Promise.reject(new Error('not used by this test'));
  const deps: SupervisorDeps = {
    engine: {
      version: () => Promise.resolve({ version: '26.1.5', apiVersion: '1.45' }),
      listContainers:
        options.listContainers ?? (() => Promise.resolve(diagnosis.services.flatMap((s) => (s.container ? [s.container] : [])))),
      listNetworks: () => Promise.resolve([]),
      inspectContainer: unused,
      subscribe: (listener: (m: EngineStreamMessage) => void, o?: EngineEventsOptions) => {
        streamListener = listener;
        void o?.reconcile?.('initial');
        return { dispose: () => undefined };
      },
    } as unknown as SupervisorDeps['engine'],
    net: options.net ?? ({} as SupervisorDeps['net']),
    clock,
    logger: {
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
    } as unknown as SupervisorDeps['logger'],
    newId: (() => {
      let n = 0;
      return () => `id-${++n}`;
    })(),
    workspace: () => '/work/shop',
    diagnose: () => Promise.resolve(diagnosis),
    onDiagnosis: (listener) => {
      diagnosisListeners.add(listener);
      return { dispose: () => diagnosisListeners.delete(listener) };
    },
    readConfig: () => Promise.resolve(options.config),
    store: options.store ?? { load: () => Promise.resolve(undefined), save: () => Promise.resolve() },
    self: { isSelf: () => false, consumeDie: () => false },
    makeRecovery: () => ({ actions: {} as never, health: {} as never }),
    ...(options.heartbeats ? { heartbeatStore: () => options.heartbeats! } : {}),
  };
  const supervisor = createSupervisorService(deps);
  const events: SupervisionEvent[] = [];
  supervisor.onEvent((e) => events.push(e));
  return {
    clock,
    supervisor,
    events,
    /** A periodic check completed with this diagnosis (the next discovery answers it too). */
    diagnosed(d: Diagnosis): void {
      diagnosis = d;
      for (const listener of diagnosisListeners) listener(d);
    },
    /** The engine sent this message on the event stream. */
    engineSent: (m: EngineStreamMessage) => streamListener?.(m),
    stateOf: (service: string) => supervisor.status().recovery.services.find((s) => s.service === service),
  };
}
