import { constants, type Dirent } from 'node:fs';
import { lstat, open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileCandidate } from '../../core/bundle/pick-files.ts';
import { errorMessage } from '../../../shared/error-message.ts';

/**
 * O_NOFOLLOW: a file swapped for a symlink after it was listed fails to open instead of being followed out of
 * the folder. O_NONBLOCK: a FIFO never hangs the open. O_NOCTTY: a terminal never becomes ours. Windows has none.
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/** Directory entries looked at per folder walk: a folder of a million files must not stall the bundle. */
const MAX_SCANNED = 10_000;

/** A regular file found below a folder, with the identity it had when listed. */
export interface FoundFile extends FileCandidate {
  absolute: string;
  dev: number;
  ino: number;
}

/** What a folder walk found: its files, what it left out and why; or that the folder is not there. */
export type FolderListing =
  { kind: 'missing'; reason: string } | { kind: 'listed'; files: FoundFile[]; skipped: { path: string; reason: string }[] };

export interface ListOptions {
  /** Sub-folder levels entered below the folder (0: the folder's own files only). */
  maxDepth: number;
  /** Which file names are wanted; other files are passed over without a word (symlinks are always named). */
  accept(name: string): boolean;
}

/**
 * The regular files below `root` whose names are wanted. Symbolic links are never followed (neither to files
 * nor to folders), so nothing outside `root` is read; they, and FIFOs, sockets and devices, are reported as
 * skipped. The folder itself may be a symlink: it is the one the caller chose.
 */
export async function listFolder(root: string, options: ListOptions): Promise<FolderListing> {
  try {
    if (!(await stat(root)).isDirectory()) return { kind: 'missing', reason: 'not a folder' };
  } catch (error) {
    return { kind: 'missing', reason: describe(error) };
  }
  const files: FoundFile[] = [];
  const skipped: { path: string; reason: string }[] = [];
  const budget = { left: MAX_SCANNED };
  await walk(root, '', 0, options, files, skipped, budget);
  return { kind: 'listed', files, skipped };
}

async function walk(
  root: string,
  relative: string,
  depth: number,
  options: ListOptions,
  files: FoundFile[],
  skipped: { path: string; reason: string }[],
  budget: { left: number },
): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(join(root, relative), { withFileTypes: true });
  } catch (error) {
    skipped.push({ path: relative || '.', reason: describe(error) });
    return;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = relative ? `${relative}/${entry.name}` : entry.name;
    if (budget.left-- <= 0) {
      skipped.push({ path: relative || '.', reason: `more than ${MAX_SCANNED} entries; the rest was not looked at` });
      return;
    }
    // Every symlink is named in the manifest, whatever it is called: one to a folder has no telling extension.
    if (entry.isSymbolicLink()) {
      skipped.push({ path, reason: 'a symbolic link (never followed)' });
      continue;
    }
    if (entry.isDirectory()) {
      if (depth < options.maxDepth) await walk(root, path, depth + 1, options, files, skipped, budget);
      else skipped.push({ path, reason: `more than ${options.maxDepth} folders deep` });
      continue;
    }
    if (!options.accept(entry.name)) continue;
    if (!entry.isFile()) skipped.push({ path, reason: 'not a regular file' });
    else await addFile(join(root, path), path, files, skipped);
  }
}

async function addFile(absolute: string, path: string, files: FoundFile[], skipped: { path: string; reason: string }[]): Promise<void> {
  try {
    const info = await lstat(absolute);
    if (!info.isFile()) return void skipped.push({ path, reason: 'not a regular file' });
    files.push({ path, absolute, bytes: info.size, mtimeMs: info.mtimeMs, dev: info.dev, ino: info.ino });
  } catch (error) {
    skipped.push({ path, reason: describe(error) });
  }
}

/** The end of a file as read: text starting at a line boundary when cut. */
export type TailRead = { ok: true; text: string; sourceBytes: number; truncated: boolean } | { ok: false; reason: string };

/**
 * Reads the last `maxBytes` of a listed file (all of it when smaller), refusing anything that is no longer
 * the regular file that was listed (swapped for a symlink, a FIFO or another file). When cut, the partial
 * first line is dropped so every line kept is whole.
 */
export async function readTail(file: FoundFile, maxBytes: number): Promise<TailRead> {
  let handle;
  try {
    handle = await open(file.absolute, OPEN_FLAGS);
  } catch (error) {
    return { ok: false, reason: describe(error) };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.dev !== file.dev || info.ino !== file.ino) return { ok: false, reason: 'changed since it was listed' };
    const take = Math.min(maxBytes, info.size);
    const buffer = Buffer.alloc(take);
    let filled = 0;
    while (filled < take) {
      const { bytesRead } = await handle.read(buffer, filled, take - filled, info.size - take + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    let bytes = buffer.subarray(0, filled);
    const truncated = take < info.size;
    if (truncated) {
      const newline = bytes.indexOf(0x0a);
      if (newline >= 0) bytes = bytes.subarray(newline + 1);
    }
    return { ok: true, text: new TextDecoder('utf-8').decode(bytes), sourceBytes: info.size, truncated };
  } catch (error) {
    return { ok: false, reason: describe(error) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

const REASONS: Record<string, string> = {
  ENOENT: 'does not exist',
  ENOTDIR: 'does not exist (a path part is not a folder)',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'a symbolic link (never followed)',
  ENXIO: 'not a regular file',
  EIO: 'input/output error',
};

/** An error as a reason for the manifest: its code in words (no message, which could quote file content). */
function describe(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? String((error as { code?: unknown }).code ?? '') : '';
  return REASONS[code] ? `${REASONS[code]} (${code})` : code || errorMessage(error);
}
