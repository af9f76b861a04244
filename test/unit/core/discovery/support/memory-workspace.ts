import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileRead, WorkspacePort } from '../../../../../src/main/core/ports/index.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../../fixtures/workspaces');

/** An in-memory WorkspacePort: absolute POSIX paths → text. */
export class MemoryWorkspace implements WorkspacePort {
  readonly files = new Map<string, string>();
  readonly reads: string[] = [];

  constructor(
    files: Record<string, string> = {},
    private readonly dirs: string[] = [],
    private readonly realpaths: Record<string, string> = {},
  ) {
    for (const [path, text] of Object.entries(files)) this.files.set(path, text);
  }

  async resolve(dir: string): Promise<string> {
    return this.realpaths[dir] ?? dir;
  }

  async isDirectory(path: string): Promise<boolean> {
    return this.dirs.includes(path) || [...this.files.keys()].some((file) => file.startsWith(`${path}/`));
  }

  async list(dir: string): Promise<string[]> {
    const names = new Set<string>();
    for (const file of this.files.keys()) {
      if (file.startsWith(`${dir}/`)) names.add(file.slice(dir.length + 1).split('/')[0] as string);
    }
    return [...names].sort();
  }

  async read(path: string): Promise<FileRead> {
    this.reads.push(path);
    const text = this.files.get(path);
    return text === undefined ? { kind: 'missing' } : { kind: 'text', text };
  }
}

/** Loads test/fixtures/workspaces/<name> into memory, mounted at `mountAt` (default `/ws/<name>`). */
export function fixtureWorkspace(name: string, mountAt = `/ws/${name}`): { ws: MemoryWorkspace; root: string } {
  const base = join(FIXTURES, name);
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[posix.join(mountAt, relative(base, path).split('\\').join('/'))] = readFileSync(path, 'utf8');
    }
  };
  walk(base);
  return { ws: new MemoryWorkspace(files), root: mountAt };
}

/** Text of a fixture file. */
export function fixtureText(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}
