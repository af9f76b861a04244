import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { ensureTestImage } from '../../integration/support/busybox-image.ts';
import { createDockerFixtureCore } from '../../integration/support/docker-fixture-core.ts';
import { startHttpService } from '../../integration/support/http-service.ts';
import { errorMessage } from '../../../src/shared/error-message.ts';

const run = promisify(execFile);

/** The file whose absence makes the `api` service exit 1; {@link BrokenStack.fix} puts it there. */
const API_CONFIG = '/etc/api.conf';

/** A compose-like stack in a temp workspace whose `api` service has exited with code 1. */
export interface BrokenStack {
  /** The temp workspace: its path is the containers' `com.docker.compose.project.working_dir`. */
  workspace: string;
  /** The compose project name (`shop-<runId>`). */
  project: string;
  /** Engine name of the exited `api` container. */
  apiContainer: string;
  /** The orchestrator as the host reaches it (`http://localhost:<published port>`). */
  orchestratorUrl: string;
  /**
   * What a developer would do after reading the finding: put the missing config file into the exited
   * container, then `docker start` it. Resolves once the engine reports it running.
   */
  fix(): Promise<void>;
  /** Removes every container and network labelled with this run's id, and the workspace. Never throws. */
  dispose(): Promise<void>;
}

/**
 * Builds, on the real engine, the stack the e2e test diagnoses: a user-defined network `<project>_default`, an
 * `orchestrator-service` (busybox httpd answering `/health` on a port published on 127.0.0.1, aliased
 * `orchestrator-service`), and an `api` service configured with `ORCHESTRATOR_SERVICE_URL` that exits with
 * code 1 because its config file is missing. Compose labels tie all of it to a fresh temp workspace, whose
 * `stack-doctor.yaml` points the orchestrator at the published port (so the decision is `as-configured` no
 * matter what else runs on this machine). Everything carries `stack-doctor.test=<runId>`.
 */
export async function createBrokenStack(docker: Docker = new Docker()): Promise<BrokenStack> {
  try {
    await docker.ping();
  } catch (error) {
    const reason = errorMessage(error);
    throw new Error(
      `The e2e test needs a Docker engine and none answers at ${process.env['DOCKER_HOST'] ?? 'unix:///var/run/docker.sock'} (${reason}).`,
    );
  }
  await ensureTestImage(docker);
  const fixture = createDockerFixtureCore(docker);
  const workspace = await mkdtemp(join(tmpdir(), 'stack-doctor-e2e-ws-'));
  const dispose = async () => {
    await fixture.dispose();
    await rm(workspace, { recursive: true, force: true });
  };
  try {
    const project = `shop-${fixture.runId}`;
    const compose = (service: string, extra: Record<string, string> = {}) => ({
      'com.docker.compose.project': project,
      'com.docker.compose.service': service,
      'com.docker.compose.project.working_dir': workspace,
      'com.docker.compose.container-number': '1',
      ...extra,
    });
    const network = await fixture.network(`${project}_default`, {
      exactName: true,
      labels: { 'com.docker.compose.project': project, 'com.docker.compose.network': 'default' },
    });
    const orchestrator = await startHttpService(fixture, {
      name: `${project}-orchestrator-service-1`,
      exactName: true,
      labels: compose('orchestrator-service'),
      networks: [{ name: network.name, aliases: ['orchestrator-service'] }],
    });
    const orchestratorUrl = `http://localhost:${orchestrator.hostPort}`;
    await writeFile(join(workspace, 'stack-doctor.yaml'), `orchestrator:\n  url: ${orchestratorUrl}\n`);

    const api = await fixture.container({
      name: `${project}-api-1`,
      exactName: true,
      labels: compose('api', { 'com.docker.compose.depends_on': 'orchestrator-service:service_started:false' }),
      env: { ORCHESTRATOR_SERVICE_URL: 'http://orchestrator-service:8006' },
      networks: [{ name: network.name, aliases: ['api'] }],
      cmd: ['sh', '-c', `test -f ${API_CONFIG} || { echo "api: ${API_CONFIG} is missing" >&2; exit 1; }; exec sleep 3600`],
    });
    const exitCode = await fixture.waitForExit(api.id);
    if (exitCode !== 1) throw new Error(`the broken api container exited with ${exitCode}, expected 1`);

    return {
      workspace,
      project,
      apiContainer: api.name,
      orchestratorUrl,
      async fix() {
        const container = docker.getContainer(api.id);
        await container.putArchive(await tarOf(API_CONFIG.split('/').pop()!, 'listen=0.0.0.0\n'), { path: '/etc' });
        await container.start();
        await fixture.waitForState(api.id, 'running', { timeoutMs: 10_000 });
      },
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** A tar archive holding one file, for the engine's archive API (which needs no running container). */
async function tarOf(name: string, body: string): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'stack-doctor-e2e-tar-'));
  try {
    await writeFile(join(dir, name), body);
    const { stdout } = await run('tar', ['-C', dir, '-cf', '-', name], { encoding: 'buffer' });
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
