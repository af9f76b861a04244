import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type Docker from 'dockerode';

const run = promisify(execFile);

/** The image every integration test runs: Debian's static busybox with all its applets in /bin. */
export const TEST_IMAGE = 'stack-doctor-test/busybox:1';

/** Where the static busybox comes from (Debian's busybox-static). */
const BUSYBOX = '/bin/busybox';

/**
 * Builds TEST_IMAGE with `docker import` when the engine lacks it: no registry is reachable here, so the
 * image is a tar of /bin/busybox plus one symlink per applet (`sh`, `httpd`, `nc`, `nslookup`, `sleep`…).
 * Safe to race with another run: both import the same content under the same tag.
 */
export async function ensureTestImage(docker: Docker): Promise<void> {
  try {
    await docker.getImage(TEST_IMAGE).inspect();
    return;
  } catch {
    // missing: build it below
  }
  const dir = await mkdtemp(join(tmpdir(), 'stack-doctor-image-'));
  try {
    const root = join(dir, 'rootfs');
    for (const sub of ['bin', 'etc', 'tmp', 'www', 'root']) await mkdir(join(root, sub), { recursive: true });
    await copyFile(BUSYBOX, join(root, 'bin', 'busybox'));
    const { stdout } = await run(BUSYBOX, ['--list']);
    for (const applet of stdout.split('\n').map((s) => s.trim())) {
      if (applet && applet !== 'busybox') await symlink('busybox', join(root, 'bin', applet));
    }
    await writeFile(join(root, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n');
    await writeFile(join(root, 'etc', 'group'), 'root:x:0:\nnogroup:x:65534:\n');
    const tarball = join(dir, 'rootfs.tar');
    await run('tar', ['-C', root, '-cf', tarball, '.']);
    await run('docker', ['import', '--change', 'CMD ["/bin/sh"]', '--change', 'ENV PATH=/bin', tarball, TEST_IMAGE], {
      env: process.env,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
