import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { bundleManifestSchema, type BundleManifest } from '../../../src/shared/model/index.ts';

const run = promisify(execFile);

/** A bundle as an independent reader sees it: GNU tar (not the tar-stream the writer uses) lists and extracts it. */
export interface OpenedBundle {
  /** `tar -tzf`: every member, in archive order. */
  members: string[];
  /** The archive's single top folder. */
  top: string;
  /** Extracted files below the top folder, by their path there. */
  files: Map<string, Buffer>;
  manifest: BundleManifest;
  /** The whole tar stream, gunzipped: headers (names, owners) and contents, every byte of the archive. */
  tarBytes: Buffer;
}

/** Lists and extracts `archive` with the system's GNU tar into a temp folder (removed again) and reads it all. */
export async function openBundle(archive: string): Promise<OpenedBundle> {
  const { stdout } = await run('tar', ['-tzf', archive]);
  const members = stdout.split('\n').filter(Boolean);
  const top = members[0]?.replace(/\/$/, '') ?? '';
  const dir = await mkdtemp(join(tmpdir(), 'sd-bundle-open-'));
  try {
    await run('tar', ['-xzf', archive, '-C', dir, '--no-same-owner']);
    const files = new Map<string, Buffer>();
    const root = join(dir, top);
    for (const path of await walk(root)) files.set(relative(root, path).split('\\').join('/'), await readFile(path));
    const manifestBytes = files.get('manifest.json');
    if (!manifestBytes) throw new Error(`no manifest.json in ${archive}: ${members.join(', ')}`);
    const manifest = bundleManifestSchema.parse(JSON.parse(manifestBytes.toString('utf8')));
    return { members, top, files, manifest, tarBytes: gunzipSync(await readFile(archive)) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else out.push(path);
  }
  return out;
}
