import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { ensureTestImage } from '../../integration/support/busybox-image.ts';
import { createDockerFixtureCore } from '../../integration/support/docker-fixture-core.ts';

/** The file whose appearance makes `web` crash (exit 1); the service removes it first, so a restart runs clean. */
const CRASH_TRIGGER = '/tmp/crash-now';

/** A compose-labelled stack for the Recovery view: `web` runs until told to crash, `crasher` always exits 1. */
export interface RecoveryStack {
  workspace: string;
  project: string;
  webId: string;
  crasherId: string;
  /**
   * Makes `web` crash from inside (its main process exits 1), the way a real crash looks to the engine: a `die`
   * with no stop/kill before it. (`docker kill` from outside is a user's kill, which Stack Doctor leaves alone.)
   */
  crashWeb(): Promise<void>;
  /** `docker start crasher`: it exits 1 at once, every time. */
  startCrasher(): Promise<void>;
  /** When the engine last started `web` (changes with every start, whoever started it). */
  webStartedAt(): Promise<string>;
  dispose(): Promise<void>;
}

/**
 * Builds the stack on the real engine with the compose labels of a project whose working dir is a fresh temp
 * workspace (so serve supervises exactly it). Everything carries `stack-doctor.test=<runId>`.
 */
export async function createRecoveryStack(docker: Docker = new Docker()): Promise<RecoveryStack> {
  await ensureTestImage(docker);
  const fixture = createDockerFixtureCore(docker);
  const workspace = await mkdtemp(join(tmpdir(), 'stack-doctor-e2e-recovery-'));
  const dispose = async () => {
    await fixture.dispose();
    await rm(workspace, { recursive: true, force: true });
  };
  try {
    const project = `rec-${fixture.runId}`;
    const compose = (service: string) => ({
      'com.docker.compose.project': project,
      'com.docker.compose.service': service,
      'com.docker.compose.project.working_dir': workspace,
      'com.docker.compose.container-number': '1',
    });
    const network = await fixture.network(`${project}_default`, {
      exactName: true,
      labels: { 'com.docker.compose.project': project, 'com.docker.compose.network': 'default' },
    });
    const web = await fixture.container({
      name: `${project}-web-1`,
      exactName: true,
      labels: compose('web'),
      networks: [{ name: network.name, aliases: ['web'] }],
      // The trap lets a graceful stop end it at once (busybox sh as PID 1 ignores SIGTERM otherwise).
      cmd: ['sh', '-c', `trap 'exit 0' TERM; while [ ! -f ${CRASH_TRIGGER} ]; do sleep 0.2; done; rm -f ${CRASH_TRIGGER}; exit 1`],
    });
    await fixture.waitForState(web.id, 'running');
    const crasher = await fixture.container({
      name: `${project}-crasher-1`,
      exactName: true,
      labels: compose('crasher'),
      networks: [{ name: network.name, aliases: ['crasher'] }],
      cmd: ['sh', '-c', 'echo "crasher: always failing" >&2; exit 1'],
      start: false,
    });
    const exec = async (id: string, cmd: string[]) => {
      const run = await docker.getContainer(id).exec({ Cmd: cmd, AttachStdout: false, AttachStderr: false });
      await run.start({ Detach: true });
    };
    return {
      workspace,
      project,
      webId: web.id,
      crasherId: crasher.id,
      crashWeb: () => exec(web.id, ['touch', CRASH_TRIGGER]),
      startCrasher: () => docker.getContainer(crasher.id).start(),
      webStartedAt: async () => (await fixture.inspect(web.id)).State.StartedAt,
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}
