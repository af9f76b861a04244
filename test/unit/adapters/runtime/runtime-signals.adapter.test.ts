import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RuntimeSignalsAdapter } from '../../../../src/main/adapters/runtime/runtime-signals.adapter.ts';
import { detectRuntime } from '../../../../src/main/core/runtime/detect-runtime.ts';

// Lives here with detect-runtime; it mirrors src/main/adapters/runtime (no test folder of its own yet).
describe('RuntimeSignalsAdapter', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'sd-runtime-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('reads nothing from an empty root: the host', async () => {
    const signals = await new RuntimeSignalsAdapter({ root, env: { HOME: '/root' }, hostname: 'box' }).read();
    expect(signals).toEqual({ dockerenvExists: false, env: { HOME: '/root' }, cgroup: '', mountinfo: '', hostname: 'box' });
    expect(detectRuntime(signals).kind).toBe('host');
  });

  it('reads /.dockerenv, cgroup (falling back to self) and the container lines of mountinfo', async () => {
    const id = 'a'.repeat(64);
    await mkdir(join(root, 'proc/self'), { recursive: true });
    await writeFile(join(root, '.dockerenv'), '');
    await writeFile(join(root, 'proc/self/cgroup'), '0::/\n');
    await writeFile(
      join(root, 'proc/self/mountinfo'),
      `1 0 0:1 / / rw - overlay overlay rw\n2 1 0:2 /var/lib/docker/containers/${id}/hostname /etc/hostname rw - ext4 /dev/sda rw\n`,
    );
    const signals = await new RuntimeSignalsAdapter({ root, env: {}, hostname: 'aaaaaaaaaaaa' }).read();
    expect(signals.dockerenvExists).toBe(true);
    expect(signals.cgroup).toBe('0::/\n');
    expect(signals.mountinfo).toBe(`2 1 0:2 /var/lib/docker/containers/${id}/hostname /etc/hostname rw - ext4 /dev/sda rw`);
    expect(detectRuntime(signals)).toMatchObject({ kind: 'container', containerId: id });
  });

  it('reads this machine without throwing', async () => {
    const signals = await new RuntimeSignalsAdapter().read();
    expect(typeof signals.hostname).toBe('string');
    expect(signals.env.PATH).toBe(process.env.PATH);
  });
});
