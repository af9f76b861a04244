import { readFile } from 'node:fs/promises';

/** How long a read of the hosts file is reused, ms: one diagnosis asks for many names at once. */
const REUSE_MS = 2_000;

/** The names a hosts file (`/etc/hosts` format) lists, read lazily and reused briefly. Unreadable: none. */
export class HostsFile {
  private cached: { at: number; names: Promise<ReadonlySet<string>> } | null = null;

  constructor(private readonly path: string) {}

  names(): Promise<ReadonlySet<string>> {
    const now = performance.now();
    if (!this.cached || now - this.cached.at > REUSE_MS) this.cached = { at: now, names: this.read() };
    return this.cached.names;
  }

  private async read(): Promise<ReadonlySet<string>> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return new Set();
    }
    const names = new Set<string>();
    for (const line of text.split('\n')) {
      const [, ...aliases] = (line.split('#', 1)[0] ?? '').trim().split(/\s+/);
      for (const alias of aliases) if (alias) names.add(alias.toLowerCase());
    }
    return names;
  }
}
