import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { ensureTestImage } from '../../integration/support/busybox-image.ts';
import { createDockerFixtureCore } from '../../integration/support/docker-fixture-core.ts';
import { startHttpService } from '../../integration/support/http-service.ts';

/** The typical incident: a dev container on a network without the orchestrator's alias. */
export interface IncidentStack {
  workspace: string;
  /** Engine names of the orchestrator's network and of the dev container. */
  backend: string;
  devContainer: string;
  devContainerId: string;
  /** Whether `orchestrator-service` resolves inside the dev container now (nslookup through the engine's exec). */
  aliasResolvesInDev(): Promise<boolean>;
  /** Removes every container and network of this run, and the workspace. Never throws. */
  dispose(): Promise<void>;
}

/**
 * On the real engine: network `backend` (of compose project `shop-<runId>`) with the orchestrator (busybox httpd,
 * alias `orchestrator-service`, compose labels tying it to a temp workspace) and network `devnet` with a dev
 * container (`devcontainer.local_folder` = the workspace) configured with `ORCHESTRATOR_SERVICE_URL`. The probe
 * timeout is generous: the engine is shared with other test runs.
 */
export async function createIncidentStack(docker: Docker = new Docker()): Promise<IncidentStack> {
  await ensureTestImage(docker);
  const fixture = createDockerFixtureCore(docker);
  const workspace = await mkdtemp(join(tmpdir(), 'stack-doctor-e2e-incident-'));
  const dispose = async () => {
    await fixture.dispose();
    await rm(workspace, { recursive: true, force: true });
  };
  try {
    const project = `shop-${fixture.runId}`;
    const backend = await fixture.network('backend', {
      labels: { 'com.docker.compose.project': project, 'com.docker.compose.network': 'backend' },
    });
    await fixture.network('devnet');
    const orchestrator = await startHttpService(fixture, {
      name: 'orchestrator-service',
      networks: [{ name: 'backend', aliases: ['orchestrator-service'] }],
      labels: {
        'com.docker.compose.project': project,
        'com.docker.compose.service': 'orchestrator-service',
        'com.docker.compose.project.working_dir': workspace,
        'com.docker.compose.project.config_files': join(workspace, 'compose.yaml'),
        'com.docker.compose.container-number': '1',
      },
    });
    const dev = await fixture.container({
      name: 'dev',
      cmd: ['sleep', '3600'],
      env: { ORCHESTRATOR_SERVICE_URL: 'http://orchestrator-service:8006' },
      networks: [{ name: 'devnet' }],
      labels: { 'devcontainer.local_folder': workspace },
    });
    await writeFile(
      join(workspace, 'stack-doctor.yaml'),
      // The smoke suite verifies the repair: the alias the dev container needs resolves there.
      `orchestrator:\n  fallbackUrl: http://localhost:${orchestrator.hostPort}\nprobe:\n  timeoutMs: 15000\n` +
        `smoke:\n  suites:\n    incident:\n      timeoutMs: 15000\n      checks:\n` +
        `        - { kind: dns, name: alias from the dev container, host: orchestrator-service, from: { container: ${dev.name} } }\n`,
    );
    return {
      workspace,
      backend: backend.name,
      devContainer: dev.name,
      devContainerId: dev.id,
      async aliasResolvesInDev() {
        const exec = await docker
          .getContainer(dev.id)
          .exec({ Cmd: ['nslookup', 'orchestrator-service'], AttachStdout: true, AttachStderr: true });
        const stream = await exec.start({});
        await new Promise((done) => {
          stream.on('end', done);
          stream.on('close', done);
          stream.resume();
        });
        return (await exec.inspect()).ExitCode === 0;
      },
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}
