import { describe, expect, it } from 'vitest';
import type { ContainerInfo, ServiceReport } from '../../../src/shared/model/index.ts';
import { diagnosisFixture } from '../cli/diagnosis.fixture.ts';
import { runningContainer } from '../support/container-info.ts';
import { supervisorHarness, type HarnessOptions } from './supervisor-harness.ts';

const web: ServiceReport = {
  name: 'web',
  project: 'shop',
  role: 'service',
  dependsOn: [],
  probes: [],
  container: runningContainer({ id: 'c-web', name: 'shop-web-1' }),
};

const harness = (options: Omit<HarnessOptions, 'services'> = {}) => supervisorHarness({ services: [web], ...options });
const stateOf = (h: ReturnType<typeof harness>, service: string) => h.stateOf(service)?.state;

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('supervisor: following the stack through periodic diagnoses', () => {
  it('a diagnosis whose engine probe failed does not drop the stack: a running service still becomes healthy', async () => {
    const h = harness();
    await h.supervisor.start();
    expect(stateOf(h, 'web')).toBe('starting');

    // A loaded engine misses the check's deadline: the diagnosis sees no containers, hence no services.
    h.diagnosed(diagnosisFixture({ workspace: '/work/shop', services: [], engine: { ...diagnosisFixture().engine, ok: false } }));
    await settle();
    h.diagnosed(diagnosisFixture({ workspace: '/work/shop', services: [web] }));
    await settle();

    await h.clock.advance(15_000);
    expect(stateOf(h, 'web')).toBe('healthy');
    await h.supervisor.dispose();
  });

  it('a service that joins the stack already running is watched from its container, not left "starting" forever', async () => {
    const h = harness();
    h.diagnosed(diagnosisFixture({ workspace: '/work/shop', services: [] }));
    await h.supervisor.start();
    expect(stateOf(h, 'web')).toBeUndefined();

    h.diagnosed(diagnosisFixture({ workspace: '/work/shop', services: [web] }));
    await settle();
    await h.clock.advance(15_000);
    expect(stateOf(h, 'web')).toBe('healthy');
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
    expect(stateOf(h, 'web')).toBe('stopped-by-user');

    // The user starts it and it crashes at once, while the engine is still answering the initial list.
    const labels = { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web' };
    h.engineSent({ type: 'container', action: 'start', containerId: 'c-web', labels, time: 1 });
    h.engineSent({ type: 'container', action: 'die', containerId: 'c-web', labels, exitCode: 1, time: 2 });
    expect(stateOf(h, 'web')).toBe('crash-looping');
    // The list's snapshot was taken between the two events: it still says running.
    answerList([web.container!]);
    await settle();

    expect(stateOf(h, 'web')).toBe('crash-looping');
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

    expect(stateOf(h, 'web')).toBe('healthy');
    await h.supervisor.dispose();
  });
});
