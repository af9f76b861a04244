import type { SmokeCheckKind, SmokeOutcome } from '../../../shared/model/index.ts';
import type { Clock } from '../ports/clock.port.ts';

/** What a check decided; `reason` says why it did not pass. */
export interface CheckVerdict {
  result: SmokeOutcome;
  reason?: string;
}

/** What the runner hands a check when it starts it. */
export interface CheckContext {
  /** Aborted when the check's time is up or the run is cancelled; pass it on to the ports. */
  signal: AbortSignal;
  /** The check's budget, ms: ports get it as their own timeout. */
  timeoutMs: number;
  clock: Clock;
}

/** A check ready to run: declared in `smoke:` or derived from a diagnosis. */
export interface PlannedCheck {
  suite: string;
  name: string;
  kind: SmokeCheckKind;
  /** Budget, ms (check, else suite, else 5000). */
  timeoutMs: number;
  /** What it checks, shown in the scoreboard (secrets redacted). */
  target?: string;
  /** Set when the check is declared `skip: true`: the reason shown instead of running it. */
  skipped?: string;
  /** Never rejects for an expected failure; a rejection is reported as `error`. */
  run(context: CheckContext): Promise<CheckVerdict>;
}

export interface PlannedSuite {
  name: string;
  checks: PlannedCheck[];
}

export const pass = (): CheckVerdict => ({ result: 'pass' });
export const fail = (reason: string): CheckVerdict => ({ result: 'fail', reason });
export const error = (reason: string): CheckVerdict => ({ result: 'error', reason });
