import { describe, expect, it } from 'vitest';
import type { RuntimeSignals } from '../../../../src/main/core/ports/index.ts';
import { detectRuntime } from '../../../../src/main/core/runtime/detect-runtime.ts';

const ID = 'f'.repeat(8) + '0123456789abcdef'.repeat(3) + '01234567';

function signals(partial: Partial<RuntimeSignals> = {}): RuntimeSignals {
  return { dockerenvExists: false, env: {}, cgroup: '0::/init.scope\n', mountinfo: '', hostname: 'laptop', ...partial };
}

describe('detectRuntime', () => {
  it('is the host when nothing says otherwise', () => {
    expect(detectRuntime(signals())).toEqual({ kind: 'host', signals: [], hostname: 'laptop' });
  });

  it.each([
    ['REMOTE_CONTAINERS', 'true'],
    ['CODESPACES', 'true'],
    ['DEVCONTAINER', 'true'],
    ['VSCODE_REMOTE_CONTAINERS_SESSION', '3b1c'],
  ])('is a devcontainer when %s is set', (name, value) => {
    const runtime = detectRuntime(signals({ env: { [name]: value }, dockerenvExists: true }));
    expect(runtime.kind).toBe('devcontainer');
    expect(runtime.signals).toEqual([`${name}=${value}`, '/.dockerenv']);
  });

  it('does not count a false or empty flag', () => {
    expect(detectRuntime(signals({ env: { REMOTE_CONTAINERS: 'false', CODESPACES: '' } })).kind).toBe('host');
  });

  it('is a container with /.dockerenv, reading the id from cgroup v1', () => {
    const runtime = detectRuntime(
      signals({ dockerenvExists: true, cgroup: `12:memory:/docker/${ID}\n11:cpu:/docker/${ID}\n`, hostname: ID.slice(0, 12) }),
    );
    expect(runtime).toEqual({ kind: 'container', signals: ['/.dockerenv', 'cgroup:docker'], hostname: ID.slice(0, 12), containerId: ID });
  });

  it('reads the id from cgroup v2 mountinfo', () => {
    const mountinfo = `512 498 254:1 /var/lib/docker/containers/${ID}/resolv.conf /etc/resolv.conf rw,relatime - ext4 /dev/vda1 rw`;
    const runtime = detectRuntime(signals({ cgroup: '0::/\n', mountinfo }));
    expect(runtime).toMatchObject({ kind: 'container', signals: ['mountinfo:container'], containerId: ID });
  });

  it('recognises containerd and kubepods cgroups', () => {
    expect(detectRuntime(signals({ cgroup: `0::/system.slice/cri-containerd-${ID}.scope` }))).toMatchObject({
      kind: 'container',
      signals: ['cgroup:containerd'],
      containerId: ID,
    });
    expect(detectRuntime(signals({ cgroup: `1:name=systemd:/kubepods/besteffort/pod1/${ID}` })).signals).toEqual(['cgroup:kubepods']);
  });

  it('falls back to a short-id hostname inside a container', () => {
    expect(detectRuntime(signals({ dockerenvExists: true, hostname: 'abcdef012345' })).containerId).toBe('abcdef012345');
    expect(detectRuntime(signals({ hostname: 'abcdef012345' })).containerId).toBeUndefined();
  });

  it('is a compose service when the engine labels us or the env names the project', () => {
    const ours = { id: ID, labels: { 'com.docker.compose.project': 'incident' } };
    const other = { id: 'a'.repeat(64), labels: { 'com.docker.compose.project': 'elsewhere' } };
    const inContainer = signals({ dockerenvExists: true, cgroup: `0::/docker/${ID}` });
    expect(detectRuntime(inContainer, { containers: [other, ours] })).toMatchObject({
      kind: 'compose-service',
      signals: ['/.dockerenv', 'cgroup:docker', 'label:com.docker.compose.project=incident'],
      containerId: ID,
    });
    // Found by the short id Docker names a container's host after.
    const byHostname = signals({ dockerenvExists: true, hostname: ID.slice(0, 12) });
    expect(detectRuntime(byHostname, { containers: [ours] }).kind).toBe('compose-service');
    // Our container without the label, or an engine that could not be listed: a plain container.
    expect(detectRuntime(inContainer, { containers: [{ id: ID, labels: {} }, other] }).kind).toBe('container');
    expect(detectRuntime(inContainer, { containers: null }).kind).toBe('container');
    expect(detectRuntime(signals({ dockerenvExists: true, env: { COMPOSE_PROJECT_NAME: 'shop' } })).signals).toEqual([
      '/.dockerenv',
      'COMPOSE_PROJECT_NAME=shop',
    ]);
    // A project name in the env on the host says nothing about where we run.
    expect(detectRuntime(signals({ env: { COMPOSE_PROJECT_NAME: 'shop' } })).kind).toBe('host');
  });
});
