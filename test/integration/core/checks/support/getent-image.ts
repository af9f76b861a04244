import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type Docker from 'dockerode';

const run = promisify(execFile);

/**
 * The busybox test image plus glibc's `getent`, as most real images (Debian, Ubuntu, node, python) carry
 * it: the container-DNS check looks many names up in one `getent ahosts` exec there, while busybox alone
 * (no getent) makes it fall back to one `nslookup` exec per name.
 */
export const GETENT_IMAGE = 'stack-doctor-test/busybox-getent:1';

/** What getent needs from the host's glibc (≥ 2.34: the files and dns NSS modules live in libc.so.6). */
const GLIBC_FILES = ['/usr/bin/getent', '/lib/x86_64-linux-gnu/libc.so.6', '/lib64/ld-linux-x86-64.so.2'];

/** Builds GETENT_IMAGE with `docker import` when the engine lacks it (no registry here). Safe to race. */
export async function ensureGetentImage(docker: Docker): Promise<string> {
  try {
    await docker.getImage(GETENT_IMAGE).inspect();
    return GETENT_IMAGE;
  } catch {
    // missing: build it below
  }
  const dir = await mkdtemp(join(tmpdir(), 'stack-doctor-getent-image-'));
  try {
    const root = join(dir, 'rootfs');
    for (const sub of ['bin', 'etc', 'tmp', 'root']) await mkdir(join(root, sub), { recursive: true });
    await copyFile('/bin/busybox', join(root, 'bin', 'busybox'));
    const { stdout } = await run('/bin/busybox', ['--list']);
    for (const applet of stdout.split('\n').map((s) => s.trim())) {
      if (applet && applet !== 'busybox') await symlink('busybox', join(root, 'bin', applet));
    }
    for (const file of GLIBC_FILES) {
      await mkdir(join(root, file, '..'), { recursive: true });
      await copyFile(file, join(root, file));
    }
    // As Debian ships it for hosts: /etc/hosts first (extra_hosts, own hostname), then DNS.
    await writeFile(join(root, 'etc', 'nsswitch.conf'), 'hosts: files dns\n');
    await writeFile(join(root, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\n');
    const tarball = join(dir, 'rootfs.tar');
    await run('tar', ['-C', root, '-cf', tarball, '.']);
    await run('docker', ['import', '--change', 'CMD ["/bin/sh"]', '--change', 'ENV PATH=/usr/bin:/bin', tarball, GETENT_IMAGE], {
      env: process.env,
    });
    return GETENT_IMAGE;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
