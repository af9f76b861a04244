import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerEngineAdapter } from '../../../../src/main/adapters/docker/docker-engine.adapter.ts';
import type { ContainerEvent, EngineStreamMessage } from '../../../../src/main/core/ports/index.ts';
import type { Disposable } from '../../../../src/shared/lifecycle/disposable.ts';
import { RUN_LABEL } from '../../support/docker-cleanup.ts';
import { createDockerFixture } from '../../support/docker-fixture.ts';
import { EngineProxy } from './engine-proxy.ts';

const fixture = createDockerFixture();
/** Another run's resources: their events must not pass the label filter. */
const stranger = createDockerFixture();
const proxy = new EngineProxy();
let engine: DockerEngineAdapter;
let subscription: Disposable;
const messages: EngineStreamMessage[] = [];
const reconciles: string[] = [];
const waiters = new Set<() => void>();

/** Resolves with the first message (from `from` on) that matches; fails after `timeoutMs`. */
async function nextMessage<T extends EngineStreamMessage>(
  match: (message: EngineStreamMessage) => message is T,
  from = 0,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = messages.slice(from).find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching engine message; got ${JSON.stringify(messages.slice(from))}`);
    await new Promise<void>((resolve) => {
      const wake = (): void => {
        waiters.delete(wake);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(wake, 200);
      waiters.add(wake);
    });
  }
}

const containerEvent =
  (id: string, action: ContainerEvent['action'], extra: Partial<ContainerEvent> = {}) =>
  (message: EngineStreamMessage): message is ContainerEvent =>
    message.type === 'container' &&
    message.containerId === id &&
    message.action === action &&
    Object.entries(extra).every(([key, value]) => (message as unknown as Record<string, unknown>)[key] === value);

const streamState =
  (state: 'connected' | 'lost') =>
  (message: EngineStreamMessage): message is EngineStreamMessage & { type: 'stream' } =>
    message.type === 'stream' && message.state === state;

beforeAll(async () => {
  await proxy.start();
  engine = DockerEngineAdapter.fromEnvironment({ DOCKER_HOST: proxy.endpoint }, proxy.dir, {
    events: { backoff: { initialDelayMs: 50, maxDelayMs: 400 } },
  });
  subscription = engine.subscribe(
    (message) => {
      messages.push(message);
      for (const wake of [...waiters]) wake();
    },
    { labels: [`${RUN_LABEL}=${fixture.runId}`], reconcile: (reason) => void reconciles.push(reason) },
  );
  await nextMessage(streamState('connected'));
});

afterAll(async () => {
  await subscription?.dispose();
  await engine?.dispose();
  await proxy.dispose();
});

describe('EngineEventsPort on the real engine', () => {
  it('reports connected, then reconciles once the stream is open', async () => {
    expect(messages[0]).toEqual({ type: 'stream', state: 'connected', afterGap: false });
    expect(reconciles).toEqual(['initial']);
  });

  it('delivers create, network connect, start and health_status: healthy for a container with a HEALTHCHECK', async () => {
    const from = messages.length;
    const box = await fixture.container({
      name: 'ev-healthy',
      cmd: ['sleep', '3600'],
      labels: { 'com.docker.compose.service': 'api', 'com.example.api-key': 'planted-label-secret' },
      healthcheck: { test: ['CMD', 'true'], intervalMs: 300 },
    });
    const created = await nextMessage(containerEvent(box.id, 'create'), from);
    expect(created).toMatchObject({ name: box.name, image: fixture.image });
    // Only the product's labels travel with the event.
    expect(created.labels).toEqual({
      'com.docker.compose.service': 'api',
      [RUN_LABEL]: fixture.runId,
      'stack-doctor.test-session': expect.any(String),
    });
    await nextMessage(
      (m): m is EngineStreamMessage =>
        m.type === 'network' && m.action === 'connect' && m.containerId === box.id && m.networkName === 'bridge',
      from,
    );
    await nextMessage(containerEvent(box.id, 'start'), from);
    await nextMessage(containerEvent(box.id, 'health_status', { health: 'healthy' }), from);
  });

  it('delivers health_status: unhealthy, then kill with its signal and die with the exit code', async () => {
    const from = messages.length;
    const box = await fixture.container({
      name: 'ev-sick',
      cmd: ['sleep', '3600'],
      healthcheck: { test: ['CMD', 'false'], intervalMs: 300 },
    });
    await nextMessage(containerEvent(box.id, 'health_status', { health: 'unhealthy' }), from);
    await fixture.docker.getContainer(box.id).kill({ signal: 'SIGKILL' });
    const kill = await nextMessage(containerEvent(box.id, 'kill'), from);
    expect(kill.signal).toMatch(/^(9|SIGKILL)$/);
    await nextMessage(containerEvent(box.id, 'die', { exitCode: 137 }), from);
  });

  it('filters out containers without the subscribed label', async () => {
    const from = messages.length;
    const other = await stranger.container({ name: 'ev-other', cmd: ['sh', '-c', 'exit 0'] });
    const mine = await fixture.container({ name: 'ev-marker', cmd: ['sh', '-c', 'exit 0'] });
    await nextMessage(containerEvent(mine.id, 'die'), from);
    expect(messages.slice(from).some((m) => m.type === 'container' && m.containerId === other.id)).toBe(false);
  });

  it('survives the engine socket closing: lost, then connected after the gap, reconciled, and events flow again', async () => {
    const from = messages.length;
    await proxy.cut();
    const lost = await nextMessage(streamState('lost'), from);
    expect(lost).toMatchObject({ attempt: 1 });
    // Nothing listens: the retries keep failing, with growing delays.
    await nextMessage((m): m is EngineStreamMessage => m.type === 'stream' && m.state === 'lost' && m.attempt >= 3, from);
    expect(messages.slice(from).some((m) => m.type === 'stream' && m.state === 'connected')).toBe(false);

    await proxy.start();
    const connected = await nextMessage(streamState('connected'), from);
    expect(connected).toEqual({ type: 'stream', state: 'connected', afterGap: true });
    await expect.poll(() => reconciles).toEqual(['initial', 'gap']);

    const after = messages.length;
    const box = await fixture.container({ name: 'ev-after', cmd: ['sleep', '3600'] });
    await nextMessage(containerEvent(box.id, 'start'), after);
  });
});
