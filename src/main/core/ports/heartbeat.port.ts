import type { ProbeError } from '../../../shared/model/index.ts';

/** One key read from the heartbeat store. */
export interface StoredEntry {
  key: string;
  /** The value as text; `null` when the key vanished (expired) between listing and reading it. */
  value: string | null;
}

/** What a read of the heartbeat store gave: entries, or an expected failure as a value. */
export type StoreReadResult =
  | {
      ok: true;
      entries: StoredEntry[];
      /** True when more keys matched than `maxKeys`: the entries are a subset. */
      truncated: boolean;
      latencyMs: number;
    }
  | { ok: false; error: ProbeError; latencyMs: number };

export interface StoreReadOptions {
  /** Budget of the whole read (connect, auth, listing, values), ms. */
  timeoutMs: number;
  /** Stop listing after this many keys, default 10000: a heartbeat store is small, a shared cache may not be. */
  maxKeys?: number;
  signal?: AbortSignal;
}

/**
 * The store that services write their heartbeats to (Redis: keys `service:heartbeat:{serviceId}:{appId}`).
 * The adapter is built for one store (URL, credentials, database); nothing here carries a secret.
 */
export interface HeartbeatStorePort {
  /** Reads every key matching the glob `pattern` (Redis MATCH syntax) with its value. Never rejects. */
  readMatching(pattern: string, options: StoreReadOptions): Promise<StoreReadResult>;
}
