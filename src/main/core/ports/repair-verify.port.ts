import type { SmokeScoreboard } from '../../../shared/model/index.ts';

/**
 * Runs the workspace's smoke suites as a repair's verification (core/smoke `runSmoke` behind it). Resolves with
 * null when the workspace declares no suite; never rejects for failing checks (they are in the scoreboard).
 */
export interface SmokeVerifier {
  verify(workspace: string, options?: SmokeVerifyOptions): Promise<SmokeScoreboard | null>;
}

export interface SmokeVerifyOptions {
  /** Cancels the run: checks in flight end as `error`, the rest `skipped`, the scoreboard says `cancelled`. */
  signal?: AbortSignal;
  /** Called once, when a declared suite is about to run (not when the workspace declares none): the progress event. */
  onStart?: () => void;
}
