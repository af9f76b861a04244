import { pipeline } from 'node:stream/promises';
import { buffer } from 'node:stream/consumers';
import { createGzip } from 'node:zlib';
import { pack } from 'tar-stream';

/** A file to put in the archive. */
export interface ArchiveFile {
  /** Path inside the archive, `/`-separated. */
  name: string;
  text: string;
}

/**
 * A gzip-compressed tar (ustar/pax, read by GNU and BSD tar, 7-Zip and every tar library) of `files` under one
 * top folder, in memory: the bundle is bounded, and a buffer lets the file be written atomically in one go.
 * Entries are owner-only (0600), owned by uid/gid 0 with no user names, all stamped `mtime`.
 */
export async function packTarGz(folder: string, files: readonly ArchiveFile[], mtime: Date): Promise<Buffer> {
  const tar = pack();
  const gzip = createGzip({ level: 9 });
  const compressed = buffer(gzip);
  const piped = pipeline(tar, gzip);
  tar.entry({ name: `${folder}/`, type: 'directory', mode: 0o700, mtime, uid: 0, gid: 0 });
  for (const file of files) {
    const data = Buffer.from(file.text, 'utf8');
    tar.entry({ name: `${folder}/${file.name}`, type: 'file', size: data.length, mode: 0o600, mtime, uid: 0, gid: 0 }, data);
  }
  tar.finalize();
  const [bytes] = await Promise.all([compressed, piped]);
  return bytes;
}
