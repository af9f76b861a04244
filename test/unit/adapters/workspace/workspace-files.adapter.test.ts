import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkspaceFilesAdapter } from '../../../../src/main/adapters/workspace/workspace-files.adapter.ts';
import { discoverStack } from '../../../../src/main/core/discovery/discover-stack.ts';

describe('WorkspaceFilesAdapter', () => {
  const ws = new WorkspaceFilesAdapter();
  let root: string;
  beforeEach(async () => {
    root = await realpath(await mkdtemp(join(tmpdir(), 'sd-ws-')));
    await mkdir(join(root, '.devcontainer'));
    await writeFile(join(root, 'compose.yaml'), 'services:\n  api:\n    image: x\n');
    await writeFile(join(root, '.devcontainer/devcontainer.json'), '{ "image": "x", "name": "dev", }');
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('lists, reads and tells directories apart', async () => {
    expect(await ws.list(root)).toEqual(['.devcontainer', 'compose.yaml']);
    expect(await ws.list(join(root, 'missing'))).toEqual([]);
    expect(await ws.read(join(root, 'compose.yaml'))).toEqual({ kind: 'text', text: 'services:\n  api:\n    image: x\n' });
    expect(await ws.read(join(root, 'missing.yaml'))).toEqual({ kind: 'missing' });
    expect(await ws.read(join(root, '.devcontainer'))).toEqual({ kind: 'missing' });
    expect(await ws.read(join(root, 'compose.yaml', 'under-a-file'))).toEqual({ kind: 'missing' });
    expect(await ws.isDirectory(root)).toBe(true);
    expect(await ws.isDirectory(join(root, 'compose.yaml'))).toBe(false);
    expect(await ws.isDirectory(join(root, 'missing'))).toBe(false);
  });

  it('drops a UTF-8 byte-order mark', async () => {
    await writeFile(join(root, 'bom.json'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]));
    expect(await ws.read(join(root, 'bom.json'))).toEqual({ kind: 'text', text: '{"a":1}' });
  });

  it('reports a symlink loop as unreadable, naming the loop', async () => {
    await symlink('loop.yaml', join(root, 'loop.yaml'));
    expect(await ws.read(join(root, 'loop.yaml'))).toEqual({ kind: 'unreadable', reason: expect.stringContaining('ELOOP') });
  });

  it('refuses a FIFO at once instead of waiting for a writer', async () => {
    execFileSync('mkfifo', [join(root, 'pipe.yaml')]);
    const started = performance.now();
    expect(await ws.read(join(root, 'pipe.yaml'))).toEqual({ kind: 'unreadable', reason: 'not a regular file (a named pipe)' });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('refuses a device such as /dev/zero without reading it', async () => {
    expect(await ws.read('/dev/zero')).toEqual({ kind: 'unreadable', reason: 'not a regular file (a character device)' });
  });

  it('refuses a file over the size cap (4 MiB by default), and reads one at the cap', async () => {
    await writeFile(join(root, 'big.yaml'), Buffer.alloc(4 * 1024 * 1024 + 1, 0x61));
    expect(await ws.read(join(root, 'big.yaml'))).toEqual({
      kind: 'unreadable',
      reason: expect.stringContaining('larger than the 4 MiB limit'),
    });
    await writeFile(join(root, 'edge.yaml'), Buffer.alloc(4 * 1024 * 1024, 0x61));
    const edge = await ws.read(join(root, 'edge.yaml'));
    expect(edge.kind === 'text' && edge.text.length).toBe(4 * 1024 * 1024);
    const small = new WorkspaceFilesAdapter({ maxFileBytes: 10 });
    expect((await small.read(join(root, 'compose.yaml'))).kind).toBe('unreadable');
  });

  it('resolves symlinks, and keeps a missing path absolute', async () => {
    await symlink(root, `${root}-link`);
    try {
      expect(await ws.resolve(`${root}-link`)).toBe(root);
    } finally {
      await rm(`${root}-link`);
    }
    expect(await ws.resolve('relative/none')).toBe(join(process.cwd(), 'relative/none'));
  });

  it('feeds discovery from real files', async () => {
    const result = await discoverStack(ws, { workspace: root, extraProjects: [], containers: null });
    expect(result.stack.services.map((s) => [s.name, s.role])).toEqual([
      ['api', 'service'],
      ['dev', 'devcontainer'],
    ]);
  });
});
