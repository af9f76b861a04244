import { readFile } from 'node:fs/promises';

/** How long a read of a resolver file is reused, ms: one diagnosis asks for many names at once. */
const REUSE_MS = 2_000;

/** What /etc/resolv.conf says about completing names: the search list and `ndots` (default 1). */
export interface SearchConfig {
  search: string[];
  ndots: number;
}

/** A text file read lazily and reused for {@link REUSE_MS}; unreadable reads as empty. */
class CachedText {
  private cached: { at: number; text: Promise<string> } | null = null;

  constructor(private readonly path: string) {}

  read(): Promise<string> {
    const now = performance.now();
    if (!this.cached || now - this.cached.at > REUSE_MS) this.cached = { at: now, text: readFile(this.path, 'utf8').catch(() => '') };
    return this.cached.text;
  }
}

/** Lines without comments, split into words. */
function entries(text: string): string[][] {
  return text
    .split('\n')
    .map((line) => (line.split(/[#;]/, 1)[0] ?? '').trim().split(/\s+/))
    .filter((words) => words[0]);
}

/** The names a hosts file (`/etc/hosts` format) lists, lower-cased. */
export class HostsFile {
  private readonly file: CachedText;

  constructor(path: string) {
    this.file = new CachedText(path);
  }

  async names(): Promise<ReadonlySet<string>> {
    return new Set(
      entries(await this.file.read())
        .flatMap(([, ...names]) => names)
        .map((name) => name.toLowerCase()),
    );
  }
}

/** The search list of a resolv.conf (`search` wins over `domain`, the last line of either counts). */
export class ResolvConf {
  private readonly file: CachedText;

  constructor(path: string) {
    this.file = new CachedText(path);
  }

  async searchConfig(): Promise<SearchConfig> {
    const config: SearchConfig = { search: [], ndots: 1 };
    for (const [keyword, ...values] of entries(await this.file.read())) {
      if (keyword === 'search' || keyword === 'domain') config.search = values.map((v) => v.replace(/\.$/, '').toLowerCase());
      if (keyword === 'options') {
        const ndots = values.find((v) => v.startsWith('ndots:'));
        if (ndots) config.ndots = Math.min(15, Number(ndots.slice(6)) || 0);
      }
    }
    return config;
  }
}

/**
 * The names getaddrinfo would ask DNS for, in its order (glibc): a rooted name as is; a name with at least
 * `ndots` dots as is, then with each search domain; a shorter one with each search domain, then as is.
 */
export function candidateNames(host: string, { search, ndots }: SearchConfig): string[] {
  if (host.endsWith('.')) return [host.slice(0, -1)];
  const searched = search.map((domain) => `${host}.${domain}`);
  const dots = host.split('.').length - 1;
  return dots >= ndots ? [host, ...searched] : [...searched, host];
}
