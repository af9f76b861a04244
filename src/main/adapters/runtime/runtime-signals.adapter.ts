import { access, readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { RuntimeSignals, RuntimeSignalsPort } from '../../core/ports/index.ts';

export interface RuntimeSignalsOptions {
  /** File-system root the well-known paths are read under; default `/` (tests point it at a temp dir). */
  root?: string;
  /** Environment to report; default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Host name to report; default `os.hostname()`. */
  hostname?: string;
}

/** Reads /.dockerenv, /proc/1/cgroup, /proc/self/mountinfo, the host name and the environment. */
export class RuntimeSignalsAdapter implements RuntimeSignalsPort {
  private readonly root: string;

  constructor(private readonly options: RuntimeSignalsOptions = {}) {
    this.root = options.root ?? '/';
  }

  async read(): Promise<RuntimeSignals> {
    const [dockerenvExists, cgroup, mountinfo] = await Promise.all([
      this.exists('.dockerenv'),
      // PID 1's cgroup names the container; unreadable without privileges in some sandboxes, then our own.
      this.text('proc/1/cgroup').then((text) => text || this.text('proc/self/cgroup')),
      this.text('proc/self/mountinfo'),
    ]);
    return {
      dockerenvExists,
      env: { ...(this.options.env ?? process.env) },
      cgroup,
      // Only the lines that can say "container": mountinfo has hundreds of lines on a busy host.
      mountinfo: mountinfo
        .split('\n')
        .filter((line) => line.includes('containers'))
        .join('\n'),
      hostname: this.options.hostname ?? hostname(),
    };
  }

  private async exists(path: string): Promise<boolean> {
    try {
      await access(join(this.root, path));
      return true;
    } catch {
      return false;
    }
  }

  private async text(path: string): Promise<string> {
    try {
      return await readFile(join(this.root, path), 'utf8');
    } catch {
      return '';
    }
  }
}
