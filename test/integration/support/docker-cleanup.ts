import type Docker from 'dockerode';

/** Label carrying a fixture's run id; every resource a test creates has it. */
export const RUN_LABEL = 'stack-doctor.test';
/** Label carrying the `vitest run` session, so the global teardown can sweep what a crashed file left. */
export const SESSION_LABEL = 'stack-doctor.test-session';

/** Force-removes the containers, then the networks, carrying `label` (`key=value`). Never throws. */
export async function removeLabelled(docker: Docker, label: string): Promise<void> {
  const filters = JSON.stringify({ label: [label] });
  const containers = await docker.listContainers({ all: true, filters }).catch(() => []);
  await Promise.all(
    containers.map((c) =>
      docker
        .getContainer(c.Id)
        .remove({ force: true, v: true })
        .catch(() => undefined),
    ),
  );
  const networks = await docker.listNetworks({ filters }).catch(() => []);
  await Promise.all(
    networks.map((n) =>
      docker
        .getNetwork(n.Id)
        .remove()
        .catch(() => undefined),
    ),
  );
}
