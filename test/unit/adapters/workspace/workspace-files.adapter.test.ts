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
    expect(await ws.readText(join(root, 'compose.yaml'))).toContain('api');
    expect(await ws.readText(join(root, 'missing.yaml'))).toBeNull();
    expect(await ws.readText(join(root, '.devcontainer'))).toBeNull();
    expect(await ws.isDirectory(root)).toBe(true);
    expect(await ws.isDirectory(join(root, 'compose.yaml'))).toBe(false);
    expect(await ws.isDirectory(join(root, 'missing'))).toBe(false);
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
