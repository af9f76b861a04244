import type { RecoverySnapshot } from '../../../shared/model/recovery.ts';
import type { RecoveryStore } from '../ports/recovery-store.port.ts';

/**
 * Persists the engine's snapshot after every change without piling up writes: one save at a time, and changes made
 * while a save runs are covered by one more save of the then-latest snapshot. A failed save is reported, not thrown.
 */
export class SnapshotSaver {
  private dirty = false;
  private saving: Promise<void> | undefined;

  constructor(
    private readonly store: RecoveryStore,
    private readonly build: () => RecoverySnapshot,
    private readonly onError: (error: unknown) => void,
  ) {}

  request(): void {
    this.dirty = true;
    this.saving ??= this.loop().finally(() => {
      this.saving = undefined;
    });
  }

  /** Resolves once every requested save has been attempted. */
  async flush(): Promise<void> {
    while (this.saving) await this.saving;
  }

  private async loop(): Promise<void> {
    // Yield once so a burst of changes in one turn is saved once.
    await Promise.resolve();
    while (this.dirty) {
      this.dirty = false;
      try {
        await this.store.save(this.build());
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
