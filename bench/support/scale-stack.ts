import pLimit from 'p-limit';
import type Docker from 'dockerode';
import { createDockerFixtureCore, type DockerFixture } from '../../test/integration/support/docker-fixture-core.ts';

/** One compose project of the scale stack: its services call each other in a chain. */
export interface ScaleProject {
  name: string;
  /** Service names (`s001`…), also their network aliases. */
  services: string[];
  /** The alias the project's last service calls, which nothing answers to. */
  missing: string;
}

/** The real containers the scale bench diagnoses. */
export interface ScaleStack {
  fixture: DockerFixture;
  network: string;
  projects: ScaleProject[];
  /** Seconds it took to create and start every container. */
  buildSeconds: number;
}

/**
 * Containers created and started at once: vfs copies the image per container, the engine serialises much of it,
 * and the engine is shared with other test runs (6 suites at once and 8 creates each wedged it once).
 */
const CREATE_CONCURRENCY = 4;

/**
 * Creates `sizes.reduce(+)` running containers of `image` on ONE user-defined network, split into compose
 * projects of the given sizes (so N = 50, 100, 200 are diagnosed as 1, 2, 3 projects of the same
 * containers). In each project service i calls service i+1 by alias (`NEXT_URL=http://s002:8080/`) and the
 * last one calls an alias nothing answers to. Everything carries the fixture's label; `fixture.dispose()`
 * removes it all. `options.fixture` lets the caller hold the fixture before the build ends (to clean up on an
 * interruption); `options.signal` stops creating containers once it aborts.
 */
export async function buildScaleStack(
  docker: Docker,
  image: string,
  sizes: readonly number[],
  options: { fixture?: DockerFixture; signal?: AbortSignal } = {},
): Promise<ScaleStack> {
  const started = Date.now();
  const fixture = options.fixture ?? createDockerFixtureCore(docker);
  const { signal } = options;
  const network = (await fixture.network('scale')).name;
  const projects: ScaleProject[] = [];
  let next = 1;
  for (const [index, size] of sizes.entries()) {
    const services = Array.from({ length: size }, (_, i) => `s${String(next + i).padStart(3, '0')}`);
    next += size;
    projects.push({ name: fixture.unique(`scale${index + 1}`), services, missing: `gone${index + 1}` });
  }
  const limit = pLimit(CREATE_CONCURRENCY);
  await Promise.all(
    projects.flatMap((project) =>
      project.services.map((service, i) =>
        limit(async () => {
          // Interrupted: what is queued is not created, so the caller's cleanup finds everything there is.
          if (signal?.aborted) return;
          await fixture.container({
            name: `${project.name}-${service}`,
            exactName: true,
            image,
            cmd: ['sleep', '3600'],
            env: { NEXT_URL: `http://${project.services[i + 1] ?? project.missing}:8080/` },
            networks: [{ name: 'scale', aliases: [service] }],
            labels: {
              'com.docker.compose.project': project.name,
              'com.docker.compose.service': service,
              'com.docker.compose.container-number': '1',
            },
          });
        }),
      ),
    ),
  );
  return { fixture, network, projects, buildSeconds: (Date.now() - started) / 1000 };
}
