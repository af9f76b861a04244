import type {
  Diagnosis,
  DiagnosisSummary,
  FindingRef,
  RepairScoreboard,
  RepairTiming,
  SmokeScoreboard,
  StepOutcome,
  Verdict,
} from '../../../shared/model/index.ts';
import { findingKey, refOf } from './step-draft.ts';

export function summarize(diagnosis: Diagnosis): DiagnosisSummary {
  return {
    verdict: diagnosis.verdict,
    correlationId: diagnosis.correlationId,
    checkedAt: diagnosis.checkedAt,
    findings: diagnosis.findings.map(refOf),
  };
}

const RANK: Record<Verdict, number> = { healthy: 0, degraded: 1, unhealthy: 2 };

export interface ScoreboardInput {
  before: DiagnosisSummary;
  after: DiagnosisSummary;
  outcomes: readonly StepOutcome[];
  smoke: SmokeScoreboard | null;
  timing: RepairTiming;
}

/**
 * Before against after. `worse`: a worse verdict or a new error finding; `repaired`: the after-diagnosis is healthy
 * or every finding is gone, and no smoke check failed; `improved`: some findings closed (or a better verdict);
 * `unchanged` otherwise. A failing smoke check never makes a run `worse` by itself (the suites did not run before
 * the repair, so there is nothing to compare with), but it keeps it from being `repaired`.
 */
export function buildScoreboard({ before, after, outcomes, smoke, timing }: ScoreboardInput): RepairScoreboard {
  const afterKeys = new Set(after.findings.map(findingKey));
  const beforeKeys = new Set(before.findings.map(findingKey));
  const closed = before.findings.filter((f) => !afterKeys.has(findingKey(f)));
  const remaining = after.findings.filter((f) => beforeKeys.has(findingKey(f)));
  const appeared = after.findings.filter((f) => !beforeKeys.has(findingKey(f)));
  return {
    result: resultOf(before, after, closed, appeared, smoke),
    before,
    after,
    closed,
    remaining,
    appeared,
    steps: {
      succeeded: outcomes.filter((o) => o.status === 'succeeded').length,
      failed: outcomes.filter((o) => o.status === 'failed').length,
      skipped: outcomes.filter((o) => o.status === 'skipped').length,
    },
    smoke,
    timing,
  };
}

function resultOf(
  before: DiagnosisSummary,
  after: DiagnosisSummary,
  closed: FindingRef[],
  appeared: FindingRef[],
  smoke: SmokeScoreboard | null,
): RepairScoreboard['result'] {
  if (RANK[after.verdict] > RANK[before.verdict] || appeared.some((f) => f.severity === 'error')) return 'worse';
  if (!smokeFailed(smoke) && (after.verdict === 'healthy' || after.findings.length === 0)) return 'repaired';
  if (closed.length > 0 || RANK[after.verdict] < RANK[before.verdict]) return 'improved';
  return 'unchanged';
}

/** A smoke check failed or errored, or the verification run was cancelled before every check ran. */
export function smokeFailed(smoke: SmokeScoreboard | null): boolean {
  return smoke !== null && (smoke.failed + smoke.errors > 0 || smoke.cancelled);
}

/**
 * The stack's verdict at the end of a repair, as faces report it (the CLI's exit code, the tray's notification): the
 * after-diagnosis's verdict, except that a failing smoke check makes a `healthy` stack `degraded` (the journeys the
 * suites declare do not work, whatever the probes say). Never better than the diagnosis.
 */
export function endVerdict(board: Pick<RepairScoreboard, 'after' | 'smoke'>): Verdict {
  return board.after.verdict === 'healthy' && smokeFailed(board.smoke) ? 'degraded' : board.after.verdict;
}
