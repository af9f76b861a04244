import Docker from 'dockerode';
import { afterAll, inject } from 'vitest';
import { createDockerFixtureCore, type DockerFixture } from './docker-fixture-core.ts';

// The fixture itself lives in docker-fixture-core.ts (no vitest import, so the Playwright e2e tests share it);
// this wrapper adds what only vitest has: the run's session label and disposal in afterAll.
export type { ContainerSpec, CreatedContainer, CreatedNetwork, DockerFixture } from './docker-fixture-core.ts';

/**
 * A {@link DockerFixture} for one test file: labelled with the `vitest run` session and disposed in afterAll
 * when created at a file's top level or in a describe (created inside a test, the caller disposes).
 */
export function createDockerFixture(docker: Docker = new Docker()): DockerFixture {
  const fixture = createDockerFixtureCore(docker, currentSession());
  try {
    afterAll(() => fixture.dispose());
  } catch {
    // Created inside a test or outside vitest: the caller disposes (and the session sweep is the backstop).
  }
  return fixture;
}

function currentSession(): string | undefined {
  try {
    return inject('dockerSession');
  } catch {
    return undefined;
  }
}
