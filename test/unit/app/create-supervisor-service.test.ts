import { describe, expect, it } from 'vitest';
import { createSupervisorService, type SupervisorDeps } from '../../../src/main/app/create-supervisor-service.ts';
import type { EngineEventsOptions, EngineStreamMessage } from '../../../src/main/core/ports/engine-events.port.ts';
import type { ContainerInfo, Diagnosis, ServiceReport } from '../../../src/shared/model/index.ts';
import { diagnosisFixture } from '../cli/diagnosis.fixture.ts';
import { runningContainer } from '../support/container-info.ts';
import { FakeClock } from '../support/fake-clock.ts';

const web: ServiceReport = {
  name: 'web',
  project: 'shop',
  role: 'service',
  dependsOn: [],
  probes: [],
  container: runningContainer({ id: 'c-web', name: 'shop-web-1' }),
};

/**
 * The supervisor over fakes behind its ports: a diagnosis the test sets, an engine whose list and event stream do
 * nothing, a store that keeps nothing. Enough to watch how the service follows the stack the diagnoses report.
 */
function harness(options: { listContainers?: () => Promise<ContainerInfo[]> } = {}) {
  const clock = new FakeClock();
  let eventListener: ((m: EngineStreamMessage) => void) | undefined;
  const diagnosisListeners = new Set<(d: Diagnosis) => void>();
  let next: Diagnosis = diagnosisFixture({ workspace: '/work/shop', services: [web] });
  const unused = (): Promise<never> => Promise.reject(new Error('not used by this test'));
  const deps: SupervisorDeps = {
    engine: {
      version: () => Promise.resolve({ version: '26.1.5', apiVersion: '1.45' }),
      listContainers: options.listContainers ?? (() => Promise.resolve(next.services.flatMap((s) => (s.container ? [s.container] : [])))),
      listNetworks: () => Promise.resolve([]),
      inspectContainer: unused,
      exec: unused,
      start: unused,
      stop: unused,
      restart: unused,
      kill: unused,
      connectNetwork: unused,
      disconnectNetwork: unused,
      inspectSpec: unused,
      createContainer: unused,
      removeContainer: unused,
      subscribe: (listener: (m: EngineStreamMessage) => void, subscription?: EngineEventsOptions) => {
        eventListener = listener;
        void subscription?.reconcile?.('initial');
        return { dispose: () => undefined };
      },
    } as unknown as SupervisorDeps['engine'],
    net: {} as SupervisorDeps['net'],
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
    diagnose: () => Promise.resolve(next),
    onDiagnosis: (listener) => {
      diagnosisListeners.add(listener);
      return { dispose: () => diagnosisListeners.delete(listener) };
    },
    readConfig: () => Promise.resolve(undefined),
    store: { load: () => Promise.resolve(undefined), save: () => Promise.resolve() },
    self: { isSelf: () => false, consumeDie: () => false },
    makeRecovery: () => ({ actions: {} as never, health: {} as never }),
  };
  const supervisor = createSupervisorService(deps);
  return {
    clock,
    supervisor,
    /** A periodic check completed with this diagnosis. */
    diagnosed(d: Diagnosis): void {
      next = d;
      for (const listener of diagnosisListeners) listener(d);
    },
    /** The engine sent this message on the event stream. */
    engineSent: (m: EngineStreamMessage) => eventListener?.(m),
    stateOf: (service: string) => supervisor.status().recovery.services.find((s) => s.service === service)?.state,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('supervisor: following the stack through periodic diagnoses', () => {
  it('a diagnosis whose engine probe failed does not drop the stack: a running service still becomes healthy', async () => {
    const h = harness();
    await h.supervisor.start();
    expect(h.stateOf('web')).toBe('starting');

    // A loaded engine misses the check's deadline: the diagnosis sees no containers, hence no services.
    h.diagnosed(diagnosisFixture({ workspace: '/work/shop', services: [], engine: { ...diagnosisFixture().engine, ok: false } }));
    await settle();
    h.diagnosed(diagnosisFixture({ workspace: '/work/shop', services: [web] }));
    await settle();

    await h.clock.advance(15_000);
    expect(h.stateOf('web')).toBe('healthy');
    await h.supervisor.dispose();
  });

  it('a service that joins the stack already running is watched from its container, not left "starting" forever', async () => {
    const h = harness();
    h.diagnosed(diagnosisFixture({ workspace: '/work/shop', services: [] }));
    await h.supervisor.start();
    expect(h.stateOf('web')).toBeUndefined();

    h.diagnosed(diagnosisFixture({ workspace: '/work/shop', services: [web] }));
    await settle();
    await h.clock.advance(15_000);
    expect(h.stateOf('web')).toBe('healthy');
    await h.supervisor.dispose();
  });
});

describe('supervisor: the reconcile after (re)connecting', () => {
  it('keeps what events said while the list was in flight: a stale "running" does not undo a crash', async () => {
    let answerList: (containers: ContainerInfo[]) => void = () => undefined;
    const h = harness({ listContainers: () => new Promise((resolve) => (answerList = resolve)) });
    h.diagnosed(
      diagnosisFixture({ workspace: '/work/shop', services: [{ ...web, container: { ...web.container!, state: 'exited', exitCode: 0 } }] }),
    );
    await h.supervisor.start();
    expect(h.stateOf('web')).toBe('stopped-by-user');

    // The user starts it and it crashes at once, while the engine is still answering the initial list.
    const labels = { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web' };
    h.engineSent({ type: 'container', action: 'start', containerId: 'c-web', labels, time: 1 });
    h.engineSent({ type: 'container', action: 'die', containerId: 'c-web', labels, exitCode: 1, time: 2 });
    expect(h.stateOf('web')).toBe('crash-looping');
    // The list's snapshot was taken between the two events: it still says running.
    answerList([web.container!]);
    await settle();

    expect(h.stateOf('web')).toBe('crash-looping');
    await h.supervisor.dispose();
  });
});

describe('supervisor: a HEALTHCHECK that changed while no event stream was open', () => {
  it('takes the health the list reports: a service discovered "starting" that turned healthy is not left starting', async () => {
    const starting: ServiceReport = { ...web, container: { ...web.container!, health: 'starting' } };
    const h = harness({ listContainers: () => Promise.resolve([{ ...web.container!, health: 'healthy' }]) });
    h.diagnosed(diagnosisFixture({ workspace: '/work/shop', services: [starting] }));
    // The `health_status: healthy` event came between the discovery and the subscription: only the list tells.
    await h.supervisor.start();
    await settle();

    expect(h.stateOf('web')).toBe('healthy');
    await h.supervisor.dispose();
  });
});
