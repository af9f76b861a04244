import { composeLabels } from '../../check/run-check.ts';
import type { CreatedContainer, CreatedNetwork, DockerFixture } from '../../support/docker-fixture.ts';
import { startHttpService, type HttpService } from '../../support/http-service.ts';

/** The typical incident on the real engine, as the repair tests build it. */
export interface Incident {
  /** The compose project's `backend` network, where `orchestrator-service` lives. */
  backend: CreatedNetwork;
  /** The orchestrator (busybox httpd), 8006 published on 127.0.0.1. */
  orchestrator: HttpService;
  /** The dev container, on `devnet` only, configured with the orchestrator's alias it cannot resolve. */
  dev: CreatedContainer;
}

/**
 * An orchestrator of a compose project whose working dir is `workspace`, on network `backend` under the alias
 * `orchestrator-service`, and a dev container of that workspace on another network: the devcontainer cannot resolve
 * the alias it is configured with (`DNS_UNRESOLVABLE_FROM_CONTAINER`), and connecting it to `backend` repairs it.
 */
export async function createIncident(fixture: DockerFixture, workspace: string): Promise<Incident> {
  const project = fixture.unique('shop');
  const backend = await fixture.network('backend', {
    labels: { 'com.docker.compose.project': project, 'com.docker.compose.network': 'backend' },
  });
  await fixture.network('devnet');
  const orchestrator = await startHttpService(fixture, {
    name: 'orchestrator-service',
    networks: [{ name: 'backend', aliases: ['orchestrator-service'] }],
    labels: composeLabels(workspace, project, 'orchestrator-service'),
  });
  const dev = await fixture.container({
    name: 'dev',
    cmd: ['sleep', '3600'],
    env: { ORCHESTRATOR_SERVICE_URL: 'http://orchestrator-service:8006' },
    networks: [{ name: 'devnet' }],
    labels: { 'devcontainer.local_folder': workspace },
  });
  return { backend, orchestrator, dev };
}
