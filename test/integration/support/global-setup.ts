import { randomBytes } from 'node:crypto';
import Docker from 'dockerode';
import type { TestProject } from 'vitest/node';
import { errorMessage } from '../../../src/shared/error-message.ts';
import { ensureTestImage } from './busybox-image.ts';
import { removeLabelled, SESSION_LABEL } from './docker-cleanup.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Identifies this `vitest run`; every Docker fixture of the run labels its resources with it. */
    dockerSession: string;
  }
}

/**
 * Integration tests need a real engine: fail loudly when it does not answer (tests never skip in CI),
 * build the busybox test image once, and after the run sweep whatever this run's fixtures left behind.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const docker = new Docker();
  try {
    await docker.ping();
  } catch (error) {
    const reason = errorMessage(error);
    throw new Error(
      `Integration tests need a Docker engine, and none answers at ${process.env['DOCKER_HOST'] ?? 'unix:///var/run/docker.sock'} (${reason}). ` +
        'Start one (e.g. `dockerd --storage-driver=vfs &`) and run again.',
    );
  }
  await ensureTestImage(docker);

  const session = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  project.provide('dockerSession', session);
  return async () => {
    await removeLabelled(docker, `${SESSION_LABEL}=${session}`);
  };
}
