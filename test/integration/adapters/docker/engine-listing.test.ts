import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerEngineAdapter } from '../../../../src/main/adapters/docker/docker-engine.adapter.ts';
import { EngineError } from '../../../../src/main/core/ports/index.ts';
import { createDockerFixture } from '../../support/docker-fixture.ts';
import type { CreatedContainer } from '../../support/docker-fixture.ts';
import { EngineProxy } from './engine-proxy.ts';

/** Each request reaches the engine this much later: a busy engine that still answers every call in time. */
const DELAY_MS = 50;
/** The per-call timeout: several times one delayed call, less than a listing of MINE containers one by one. */
const TIMEOUT_MS = 300;
const MINE = 8;

const fixture = createDockerFixture();
const proxy = new EngineProxy(DELAY_MS);
let created: CreatedContainer[] = [];

beforeAll(async () => {
  await proxy.start();
  // Created, not started: listed and inspected like any other, at no cost to the shared machine.
  created = await Promise.all(
    Array.from({ length: MINE }, (_, i) => fixture.container({ name: `listing-${i}`, cmd: ['sleep', '1'], start: false })),
  );
}, 60_000);
afterAll(() => proxy.dispose());

describe('DockerEngineAdapter.listContainers on a slow engine', () => {
  it('lists every container when each call answers in time though the whole takes longer than the per-call timeout', async () => {
    // One inspect at a time: at least MINE × DELAY_MS (400 ms) of inspects alone, past TIMEOUT_MS.
    const engine = DockerEngineAdapter.fromEnvironment({ DOCKER_HOST: proxy.endpoint }, proxy.dir, {
      inspectConcurrency: 1,
      inspectAllowanceMs: 200,
    });
    try {
      const started = performance.now();
      const containers = await engine.listContainers(TIMEOUT_MS);
      expect(performance.now() - started).toBeGreaterThan(TIMEOUT_MS);
      const ids = new Set(containers.map((c) => c.id));
      for (const container of created) expect(ids).toContain(container.id);
    } finally {
      await engine.dispose();
    }
  }, 120_000);

  it('still fails the listing that outlives its whole budget, naming it', async () => {
    const engine = DockerEngineAdapter.fromEnvironment({ DOCKER_HOST: proxy.endpoint }, proxy.dir, {
      inspectConcurrency: 1,
      inspectAllowanceMs: 0,
    });
    try {
      const error = await engine.listContainers(TIMEOUT_MS).then(
        () => new Error('expected a rejection'),
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(EngineError);
      expect(error).toMatchObject({ code: 'ENGINE_UNREACHABLE', message: expect.stringMatching(/list containers \(inspecting \d+\)/) });
    } finally {
      await engine.dispose();
    }
  }, 120_000);
});
