import { describe, expect, it } from 'vitest';
import { createSupervisorService, type SupervisorDeps } from '../../../src/main/app/create-supervisor-service.ts';
import type { EngineEventsOptions, EngineStreamMessage } from '../../../src/main/core/ports/engine-events.port.ts';
import type { ContainerInfo, ServiceReport, SupervisionEvent } from '../../../src/shared/model/index.ts';
import { diagnosisFixture } from '../cli/diagnosis.fixture.ts';
import { runningContainer } from '../support/container-info.ts';
import { FakeClock } from '../support/fake-clock.ts';

const container = runningContainer({ id: 'c-web', name: 'shop-web-1', labels: { 'com.docker.compose.project': 'shop' } });
const web: ServiceReport = { name: 'web', project: 'shop', role: 'service', dependsOn: [], probes: [], container };

/** The supervisor over fakes, with an initial reconcile whose container list the test answers when it likes. */
function harness() {
  const clock = new FakeClock();
  let answerList: (containers: ContainerInfo[]) => void = () => undefined;
  let listener: (m: EngineStreamMessage) => void = () => undefined;
  const refuse = (): Promise<never> => Promise.reject(new Error('no engine action in this test'));
  const deps: SupervisorDeps = {
    engine: {
      version: () => Promise.resolve({ version: '26.1.5', apiVersion: '1.45' }),
      listContainers: () => new Promise<ContainerInfo[]>((done) => (answerList = done)),
      subscribe: (l: (m: EngineStreamMessage) => void, options?: EngineEventsOptions) => {
        listener = l;
        void options?.reconcile?.('initial');
        return { dispose: () => undefined };
      },
    } as unknown as SupervisorDeps['engine'],
    net: {} as SupervisorDeps['net'],
    clock,
    logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } as never,
    newId: (() => {
      let n = 0;
      return () => `id-${++n}`;
    })(),
    workspace: () => '/work/shop',
    diagnose: () => Promise.resolve(diagnosisFixture({ workspace: '/work/shop', services: [web] })),
    onDiagnosis: () => ({ dispose: () => undefined }),
    readConfig: () => Promise.resolve(undefined),
    store: { load: () => Promise.resolve(undefined), save: () => Promise.resolve() },
    self: { isSelf: () => false, consumeDie: () => false },
    makeRecovery: () => ({ actions: { start: refuse, restart: refuse } as never, health: {} as never }),
  };
  const supervisor = createSupervisorService(deps, {});
  const events: SupervisionEvent[] = [];
  supervisor.onEvent((e) => events.push(e));
  return { supervisor, events, answerList: (c: ContainerInfo[]) => answerList(c), emit: (m: EngineStreamMessage) => listener(m) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('supervisor: a reconcile does not undo what the events said while it listed', () => {
  it('a crash seen during the initial list is not taken back by the list (taken before it) saying "running"', async () => {
    const h = harness();
    await h.supervisor.start();
    await settle();
    h.emit({ type: 'container', action: 'die', containerId: 'c-web', labels: container.labels, exitCode: 3, time: Date.now() });
    const crashed = h.events.findIndex((e) => e.type === 'service-state' && e.service === 'web' && e.state === 'unavailable');
    expect(crashed).toBeGreaterThanOrEqual(0);

    h.answerList([container]);
    await settle();
    const after = h.events.slice(crashed + 1);
    expect(after.filter((e) => e.type === 'service-state' && e.reason === 'container started')).toEqual([]);
    expect(after.filter((e) => e.type === 'recovery' && e.state === 'CANCELLED')).toEqual([]);
    await h.supervisor.dispose();
  });
});
