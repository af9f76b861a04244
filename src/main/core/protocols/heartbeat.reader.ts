import type { HeartbeatVerdict, ProbeError } from '../../../shared/model/index.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { HeartbeatStorePort } from '../ports/heartbeat.port.ts';
import { heartbeatPattern, judgeHeartbeats, type HeartbeatQuery } from './heartbeat.rules.ts';
import { DEFAULT_PROTOCOL_TIMEOUT_MS } from './wire-result.ts';

/**
 * Heartbeats read and judged, ProbeResult-like. When the store cannot be read (`ok: false`) there are no
 * verdicts at all: a Redis that is down says nothing about the services, and must not make every one of them
 * "unavailable" (that would restart the whole stack for one broken cache).
 */
export interface HeartbeatReport {
  ok: boolean;
  latencyMs: number;
  error?: ProbeError;
  verdicts: HeartbeatVerdict[];
  /** More keys matched than were read (see StoreReadOptions.maxKeys). */
  truncated?: boolean;
}

export interface ReadHeartbeatsOptions extends HeartbeatQuery {
  /** Budget of the read, ms. Default {@link DEFAULT_PROTOCOL_TIMEOUT_MS} (2000). */
  timeoutMs?: number;
  /** Default 10000. */
  maxKeys?: number;
  signal?: AbortSignal;
}

/** Reads the heartbeats of `options.appId` (or every app) from the store and judges them at `clock.date()`. */
export async function readHeartbeats(
  store: HeartbeatStorePort,
  clock: Clock,
  options: ReadHeartbeatsOptions = {},
): Promise<HeartbeatReport> {
  const read = await store.readMatching(heartbeatPattern(options.appId), {
    timeoutMs: options.timeoutMs ?? DEFAULT_PROTOCOL_TIMEOUT_MS,
    ...(options.maxKeys !== undefined ? { maxKeys: options.maxKeys } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (!read.ok) return { ok: false, latencyMs: read.latencyMs, error: read.error, verdicts: [] };
  return {
    ok: true,
    latencyMs: read.latencyMs,
    verdicts: judgeHeartbeats(read.entries, clock.date(), options),
    ...(read.truncated ? { truncated: true } : {}),
  };
}
