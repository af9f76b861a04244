import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { WorkspacePort } from '../../core/ports/index.ts';

/** Errors that mean "no such file here" rather than "something is wrong". */
const ABSENT = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

/** Read-only workspace access on the local file system. */
export class WorkspaceFilesAdapter implements WorkspacePort {
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

  async readText(path: string): Promise<string | null> {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if (isAbsent(error)) return null;
      throw error;
    }
  }
}

function isAbsent(error: unknown): boolean {
  return typeof error === 'object' && error !== null && ABSENT.has(String((error as { code?: unknown }).code));
}
