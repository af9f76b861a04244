import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { RecoveryStore } from '../../core/ports/recovery-store.port.ts';
import type { RecoverySnapshot } from '../../../shared/model/recovery.ts';

/**
 * The recovery snapshot as one JSON file, written to a temp file beside it and renamed over it: a rename is atomic
 * on one filesystem, so a `kill -9` mid-write leaves the previous snapshot whole. Saves are serialised.
 */
export class JsonFileRecoveryStore implements RecoveryStore {
  private chain: Promise<void> = Promise.resolve();
  private seq = 0;

  /** @param file absolute path, e.g. `<data dir>/recovery.json`. */
  constructor(readonly file: string) {}

  async load(): Promise<unknown> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    return JSON.parse(text) as unknown;
  }

  save(snapshot: RecoverySnapshot): Promise<void> {
    const next = this.chain.then(() => this.write(snapshot));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async write(snapshot: RecoverySnapshot): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.${++this.seq}.tmp`;
    await writeFile(temp, `${JSON.stringify(snapshot)}\n`, { mode: 0o600 });
    await rename(temp, this.file);
  }
}
