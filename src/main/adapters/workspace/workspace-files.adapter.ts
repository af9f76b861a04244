import { constants, type Stats } from 'node:fs';
import { open, readdir, realpath, stat, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { FileRead, WorkspacePort } from '../../core/ports/index.ts';
import { errorMessage } from '../../../shared/error-message.ts';

/** Errors that mean "no such file here" rather than "something is wrong". */
const ABSENT = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

/** Default cap on one configuration file: compose files and devcontainer.json are kilobytes, never megabytes. */
export const MAX_CONFIG_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Opening never blocks: a FIFO opened for reading without O_NONBLOCK waits for a writer forever (and holds
 * a libuv thread while it does); O_NOCTTY keeps a terminal device from becoming ours. Windows has neither.
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
const CHUNK_BYTES = 64 * 1024;

export interface WorkspaceFilesOptions {
  /** Largest file `read` returns, bytes; bigger ones are `unreadable`. Default 4 MiB. */
  maxFileBytes?: number;
}

/** Read-only workspace access on the local file system: regular files only, size-capped, never hanging. */
export class WorkspaceFilesAdapter implements WorkspacePort {
  private readonly maxFileBytes: number;

  constructor(options: WorkspaceFilesOptions = {}) {
    this.maxFileBytes = options.maxFileBytes ?? MAX_CONFIG_FILE_BYTES;
  }

  async resolve(dir: string): Promise<string> {
    const absolute = resolve(dir);
    try {
      return await realpath(absolute);
    } catch {
      return absolute;
    }
  }

  async isDirectory(path: string): Promise<boolean> {
    try {
      return (await stat(path)).isDirectory();
    } catch {
      return false;
    }
  }

  async list(dir: string): Promise<string[]> {
    try {
      return (await readdir(dir)).sort();
    } catch (error) {
      if (isAbsent(error)) return [];
      throw error;
    }
  }

  async read(path: string): Promise<FileRead> {
    let handle: FileHandle;
    try {
      handle = await open(path, OPEN_FLAGS);
    } catch (error) {
      return isAbsent(error) ? { kind: 'missing' } : { kind: 'unreadable', reason: describe(error) };
    }
    try {
      // Judge what was opened, not what the path named a moment earlier: no race with a swapped file.
      const info = await handle.stat();
      if (info.isDirectory()) return { kind: 'missing' };
      if (!info.isFile()) return { kind: 'unreadable', reason: `not a regular file (${fileKind(info)})` };
      if (info.size > this.maxFileBytes) return { kind: 'unreadable', reason: this.tooLarge(info.size) };
      const bytes = await readAtMost(handle, this.maxFileBytes + 1);
      if (bytes.length > this.maxFileBytes) return { kind: 'unreadable', reason: this.tooLarge(bytes.length) };
      // TextDecoder drops a leading byte-order mark, which editors write and parsers choke on.
      return { kind: 'text', text: new TextDecoder('utf-8').decode(bytes) };
    } catch (error) {
      return { kind: 'unreadable', reason: describe(error) };
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  private tooLarge(bytes: number): string {
    return `larger than the ${formatBytes(this.maxFileBytes)} limit for a configuration file (${bytes >= this.maxFileBytes ? 'at least ' : ''}${formatBytes(bytes)})`;
  }
}

/** Reads until end of file or `limit` bytes, whichever comes first (a growing file cannot make it read more). */
async function readAtMost(handle: FileHandle, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, limit - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
  }
  return Buffer.concat(chunks, total);
}

function isAbsent(error: unknown): boolean {
  return typeof error === 'object' && error !== null && ABSENT.has(String((error as { code?: unknown }).code));
}

const REASONS: Record<string, string> = {
  ELOOP: 'too many levels of symbolic links (a symlink loop?)',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENXIO: 'not a regular file (a socket or a device without a reader)',
  EAGAIN: 'not ready to be read (not a regular file?)',
  EIO: 'input/output error',
};

function describe(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? String((error as { code?: unknown }).code ?? '') : '';
  return REASONS[code] ? `${REASONS[code]} (${code})` : errorMessage(error);
}

function fileKind(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a file';
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB` : `${bytes} bytes`;
}
