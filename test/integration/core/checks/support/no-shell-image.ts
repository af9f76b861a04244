import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, copyFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type Docker from 'dockerode';

const run = promisify(execFile);

/**
 * An image with no shell, as distroless and scratch images are: only the host's static busybox, reachable as
 * `nslookup` and `sleep` (no `sh`, no `getent`). The container-DNS lookup cannot run its script there and
 * must run the tools directly.
 */
export const NO_SHELL_IMAGE = 'stack-doctor-test/no-shell:1';

/** Builds NO_SHELL_IMAGE with `docker import` when the engine lacks it (no registry here). Safe to race. */
export async function ensureNoShellImage(docker: Docker): Promise<string> {
  try {
    await docker.getImage(NO_SHELL_IMAGE).inspect();
    return NO_SHELL_IMAGE;
  } catch {
    // missing: build it below
  }
  const dir = await mkdtemp(join(tmpdir(), 'stack-doctor-no-shell-image-'));
  try {
    const root = join(dir, 'rootfs');
    await mkdir(join(root, 'bin'), { recursive: true });
    await copyFile('/bin/busybox', join(root, 'bin', 'busybox'));
    for (const applet of ['nslookup', 'sleep']) await symlink('busybox', join(root, 'bin', applet));
    const tarball = join(dir, 'rootfs.tar');
    await run('tar', ['-C', root, '-cf', tarball, '.']);
    await run('docker', ['import', '--change', 'CMD ["/bin/sleep", "3600"]', '--change', 'ENV PATH=/bin', tarball, NO_SHELL_IMAGE], {
      env: process.env,
    });
    return NO_SHELL_IMAGE;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
