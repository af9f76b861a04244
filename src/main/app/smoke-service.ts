import type { SmokeProgress, SmokeRunRecord, SmokeSuites } from '../../shared/model/index.ts';
import type { Event } from '../../shared/lifecycle/emitter.ts';

export interface SmokeRunRequest {
  /** Workspace whose `smoke:` suites run; default the app's workspace. */
  workspace?: string;
  /** Only this suite (`diagnosis` is the built-in one); default every declared suite plus `diagnosis`. */
  suite?: string;
  /**
   * Only the suites declared in `smoke:`, not the built-in `diagnosis` suite (a repair's verification: it has just
   * diagnosed). Default false.
   */
  declaredOnly?: boolean;
  /** Cancels the run: checks in flight end as `error`, the rest `skipped`. */
  signal?: AbortSignal;
}

/**
 * Why a run did not start: the workspace is not a directory, its stack config is invalid (the message names
 * file, line and field), or no suite has the name asked for. The CLI exits 3 on each; the dashboard shows it.
 */
export type SmokeRunError = { code: 'BAD_WORKSPACE' | 'CONFIG_INVALID' | 'UNKNOWN_SUITE'; message: string };

export type SmokeServiceRun = { ok: true; record: SmokeRunRecord } | { ok: false; error: SmokeRunError };

/** Runs smoke suites for every face (CLI, dashboard, tray) and keeps a short history in memory. */
export interface SmokeService {
  /** The suites a run of `workspace` would offer, or the config error that stops it. */
  suites(workspace?: string): Promise<SmokeSuites>;
  /** Plans and runs the suites; each finished check goes to `onProgress`. Never rejects for an expected failure. */
  run(request?: SmokeRunRequest): Promise<SmokeServiceRun>;
  /** The latest finished runs, newest first (at most `historySize`, default 20). */
  history(): SmokeRunRecord[];
  readonly onProgress: Event<SmokeProgress>;
  readonly onCompleted: Event<SmokeRunRecord>;
  /** Cancels runs in flight and waits for them to end. */
  dispose(): Promise<void>;
}
