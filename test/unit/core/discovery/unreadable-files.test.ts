import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkspaceFilesAdapter } from '../../../../src/main/adapters/workspace/workspace-files.adapter.ts';
import { discoverStack } from '../../../../src/main/core/discovery/discover-stack.ts';
import { configFindings } from '../../../../src/main/core/findings/config.rules.ts';

/** Discovery over real hostile files: each one becomes an issue naming it, and discovery always finishes. */
describe('discovery with files that cannot be read', () => {
  const ws = new WorkspaceFilesAdapter();
  let root: string;
  beforeEach(async () => {
    root = await realpath(await mkdtemp(join(tmpdir(), 'sd-hostile-')));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const discover = () => discoverStack(ws, { workspace: root, extraProjects: [], containers: null });

  it('a compose.yaml that links to itself is a CONFIG_INVALID finding naming it, not an ELOOP abort', async () => {
    await symlink('compose.yaml', join(root, 'compose.yaml'));
    const { issues } = await discover();
    expect(issues).toEqual([
      { file: join(root, 'compose.yaml'), line: 1, column: 1, field: '', message: expect.stringContaining('symlink loop') },
    ]);
    const [finding] = configFindings(issues);
    expect(finding?.id).toBe('CONFIG_INVALID');
    expect(JSON.stringify(finding)).toContain(join(root, 'compose.yaml'));
  });

  it('a FIFO named compose.yaml is refused at once', async () => {
    execFileSync('mkfifo', [join(root, 'compose.yaml')]);
    const { issues } = await discover();
    expect(issues).toMatchObject([
      { file: join(root, 'compose.yaml'), message: 'Cannot read this file: not a regular file (a named pipe)' },
    ]);
  });

  it('a devcontainer whose dockerComposeFile is /dev/zero reads nothing from it', async () => {
    await mkdir(join(root, '.devcontainer'));
    await writeFile(join(root, '.devcontainer', 'devcontainer.json'), '{ "dockerComposeFile": "/dev/zero", "service": "dev" }');
    const before = process.memoryUsage().rss;
    const { issues } = await discover();
    expect(issues).toMatchObject([{ file: '/dev/zero', message: 'Cannot read this file: not a regular file (a character device)' }]);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('an oversize stack-doctor.yaml is refused with the cap in the message', async () => {
    await writeFile(join(root, 'stack-doctor.yaml'), `# ${'x'.repeat(5 * 1024 * 1024)}\n`);
    const result = await discover();
    expect(result.configFile).toBe(join(root, 'stack-doctor.yaml'));
    expect(result.issues).toMatchObject([
      { file: join(root, 'stack-doctor.yaml'), message: expect.stringContaining('larger than the 4 MiB limit') },
    ]);
  });

  it('accepts byte-order marks in devcontainer.json, stack-doctor.json and compose.yaml', async () => {
    const bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    await mkdir(join(root, '.devcontainer'));
    await writeFile(join(root, '.devcontainer', 'devcontainer.json'), bom('{ "image": "x", "name": "dev" }'));
    await writeFile(join(root, 'stack-doctor.json'), bom('{ "probe": { "timeoutMs": 900 } }'));
    await writeFile(join(root, 'compose.yaml'), bom('services:\n  api:\n    image: x\n'));
    const result = await discover();
    expect(result.issues).toEqual([]);
    expect(result.config).toEqual({ probe: { timeoutMs: 900 } });
    expect(result.stack.services.map((s) => s.name).sort()).toEqual(['api', 'dev']);
  });
});
