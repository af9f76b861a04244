import type { SmokeScoreboard } from '../../../shared/model/index.ts';

/**
 * Runs the workspace's smoke suites as a repair's verification (core/smoke `runSmoke` behind it). Resolves with
 * null when the workspace declares no suite; never rejects for failing checks (they are in the scoreboard).
 */
export interface SmokeVerifier {
  verify(workspace: string): Promise<SmokeScoreboard | null>;
}
