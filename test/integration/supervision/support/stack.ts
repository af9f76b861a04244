import type { DockerFixture, CreatedContainer } from '../../support/docker-fixture.ts';
import { composeLabels, tempWorkspace, type TempWorkspace } from '../../check/run-check.ts';

/** Runs argv in a running container and waits for it to end. */
export async function execIn(fixture: DockerFixture, id: string, argv: string[]): Promise<void> {
  const exec = await fixture.docker.getContainer(id).exec({ Cmd: argv, AttachStdout: false, AttachStderr: false });
  await exec.start({ Detach: true });
  await fixture.waitFor(async () => !(await exec.inspect()).Running, { description: `exec ${argv.join(' ')}` });
}

/** A process that runs until `/tmp/crash` appears in its container, then exits 3 (a crash from inside). */
export const CRASH_ON_DEMAND = ['sh', '-c', 'while [ ! -f /tmp/crash ]; do sleep 0.1; done; rm -f /tmp/crash; exit 3'];

/** A workspace whose compose project (unique per test) holds the services created with {@link StackUnderTest.service}. */
export interface StackUnderTest {
  ws: TempWorkspace;
  project: string;
  service(name: string, spec: Omit<Parameters<DockerFixture['container']>[0], 'name' | 'labels'>): Promise<CreatedContainer>;
}

export async function stackUnderTest(fixture: DockerFixture, base: string, config?: string): Promise<StackUnderTest> {
  const ws = await tempWorkspace(`sd-${base}-`);
  const project = fixture.unique(base);
  if (config !== undefined) await ws.write('stack-doctor.yaml', config);
  return {
    ws,
    project,
    service: (name, spec) => fixture.container({ ...spec, name: `${base}-${name}`, labels: composeLabels(ws.dir, project, name) }),
  };
}
