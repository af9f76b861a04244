import type { RecoverySnapshot } from '../../../shared/model/recovery.ts';

/**
 * Where the recovery engine keeps its status and history across app restarts. The adapter writes atomically
 * (temp file, then rename), so a `kill -9` mid-write leaves the previous snapshot readable.
 */
export interface RecoveryStore {
  /** The last saved snapshot as stored (the engine validates it), or undefined when there is none. */
  load(): Promise<unknown>;
  save(snapshot: RecoverySnapshot): Promise<void>;
}
