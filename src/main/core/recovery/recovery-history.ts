import type { RecoveryHistoryEntry } from '../../../shared/model/recovery.ts';

/** The last `limit` finished plans, oldest first; older entries fall off so the history (and its file) stays small. */
export class RecoveryHistory {
  private entries: RecoveryHistoryEntry[] = [];

  /** @param limit entries kept (≥ 1). Default 200. */
  constructor(private readonly limit = 200) {}

  add(entry: RecoveryHistoryEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  /** Replaces the entries (a restored snapshot), keeping the newest `limit`. */
  replace(entries: readonly RecoveryHistoryEntry[]): void {
    this.entries = entries.slice(-this.limit);
  }

  list(): readonly RecoveryHistoryEntry[] {
    return this.entries;
  }
}
