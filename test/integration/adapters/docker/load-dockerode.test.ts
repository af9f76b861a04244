import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDockerode } from '../../../../src/main/adapters/docker/load-dockerode.ts';

const require = createRequire(import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'sd-load-dockerode-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fromDockerode = createRequire(require.resolve('dockerode'));

/** Whether tar-fs really loaded: its own tar-stream is in the require cache (a stand-in requires nothing). */
function tarFsLoaded(): boolean {
  return require.cache[createRequire(fromDockerode.resolve('tar-fs')).resolve('tar-stream')] !== undefined;
}

async function read(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('loadDockerode', () => {
  it('defers tar-fs until a build context is packed, then packs with the real one', async () => {
    loadDockerode();
    expect(tarFsLoaded()).toBe(false);
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
    const tarFs = fromDockerode('tar-fs') as { pack(dir: string): Readable };
    const archive = await read(tarFs.pack(dir));
    expect(archive.toString('latin1')).toContain('FROM scratch');
    expect(tarFsLoaded()).toBe(true);
  });
});
