import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerEngineAdapter } from '../../../../src/main/adapters/docker/docker-engine.adapter.ts';
import { EngineError } from '../../../../src/main/core/ports/index.ts';
import type { EngineStreamMessage } from '../../../../src/main/core/ports/index.ts';
import { createDockerFixture } from '../../support/docker-fixture.ts';
import type { CreatedContainer } from '../../support/docker-fixture.ts';
import { EngineProxy } from './engine-proxy.ts';

/** Handles that keep a process alive and that an engine client could leave behind. */
const WATCHED = ['PipeWrap', 'TCPSocketWrap', 'Timeout', 'TCPWRAP', 'PIPEWRAP'];

function count(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo()) if (WATCHED.includes(type)) counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}

function extra(before: Map<string, number>): string[] {
  return [...count()].filter(([type, n]) => n > (before.get(type) ?? 0)).map(([type, n]) => `${type} +${n - (before.get(type) ?? 0)}`);
}

const fixture = createDockerFixture();
/** The adapter talks to the engine through a proxy, so its connections can be counted at the proxy too. */
const proxy = new EngineProxy();
let box: CreatedContainer;

beforeAll(async () => {
  await proxy.start();
  box = await fixture.container({ name: 'dispose', cmd: ['sleep', '3600'] });
});
afterAll(() => proxy.dispose());

describe('DockerEngineAdapter.dispose', () => {
  it('leaves no handle it made: keep-alive sockets, exec streams, the event stream, timers', async () => {
    const before = count();
    const engine = DockerEngineAdapter.fromEnvironment({ DOCKER_HOST: proxy.endpoint }, proxy.dir);
    const connected = new Promise<void>((resolve) =>
      engine.subscribe((message: EngineStreamMessage) => message.type === 'stream' && message.state === 'connected' && resolve()),
    );
    await connected;
    await engine.version(5000);
    await engine.listContainers(10_000);
    // A timed-out exec says so, and nothing of it waits on the client side.
    expect(await engine.exec(box.id, ['sleep', '30'], 300)).toMatchObject({ timedOut: true, exitCode: null });
    // One in flight when the adapter is disposed: it ends at once, as a rejection.
    const started = Date.now();
    const inFlight = engine.exec(box.id, ['sleep', '30'], 20_000).then(
      () => 'resolved',
      (error: unknown) => error,
    );
    const listing = engine.listContainers(20_000).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(extra(before).length).toBeGreaterThan(0);

    await engine.dispose();
    const outcome = await inFlight;
    expect(outcome).toBeInstanceOf(EngineError);
    expect((outcome as EngineError).code).toBe('ENGINE_UNREACHABLE');
    expect(Date.now() - started).toBeLessThan(2000);
    const listed = await listing;
    expect(listed === undefined || Array.isArray(listed) || listed instanceof EngineError).toBe(true);

    // Sockets close on the next turns of the loop: wait for it, without a fixed sleep.
    await expect.poll(() => extra(before), { timeout: 2000, interval: 20 }).toEqual([]);
    await expect.poll(() => proxy.openSockets, { timeout: 2000, interval: 20 }).toBe(0);
    // After dispose every call is refused at once.
    await expect(engine.version(5000)).rejects.toMatchObject({ code: 'ENGINE_UNREACHABLE' });
  });
});
