import type { RepairExecution } from '../../../../src/shared/contract/index.ts';
import type {
  FindingRef,
  RepairPlan,
  RepairReport,
  RepairScoreboard,
  RepairStep,
  SmokeScoreboard,
  Verdict,
} from '../../../../src/shared/model/index.ts';

export const ref = (id: FindingRef['id'], subject = 'dev'): FindingRef => ({
  id,
  severity: 'error',
  subject,
  summary: `${id} on ${subject}`,
});

/** A step as the planner makes it; `risk` low unless told. */
export function step(id: string, title: string, level: 'low' | 'medium' | 'high' = 'low'): RepairStep {
  return {
    id,
    kind: 'network-connect',
    title,
    effect: `${title}.`,
    action: { kind: 'network-connect', params: { network: 'backend', container: 'dev', alias: 'orchestrator-service' } },
    answers: [ref('DNS_UNRESOLVABLE_FROM_CONTAINER')],
    risk: { level, reason: 'because' },
    undo: { possible: true, how: 'Disconnect it again.' },
    verify: 'it resolves',
    after: [],
  };
}

export function plan(steps: RepairStep[], over: Partial<RepairPlan> = {}): RepairPlan {
  return {
    id: 'plan-1',
    createdAt: '2026-01-01T00:00:00.000Z',
    workspace: '/work/shop',
    diagnosisId: 'd-1',
    verdict: 'unhealthy',
    fingerprint: 'fp-1',
    steps,
    needsYou: [],
    composeCli: null,
    ...over,
  };
}

export function smokeBoard(passed: number, failed: number): SmokeScoreboard {
  return {
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 40,
    passed,
    failed,
    errors: 0,
    skipped: 0,
    total: passed + failed,
    cancelled: false,
    suites: [{ name: 'http', passed, failed, errors: 0, skipped: 0, total: passed + failed, durationMs: 40 }],
    results: [
      ...Array.from({ length: passed }, (_, i) => ({
        suite: 'http',
        check: `ok-${i}`,
        kind: 'http' as const,
        result: 'pass' as const,
        durationMs: 5,
      })),
      ...Array.from({ length: failed }, (_, i) => ({
        suite: 'http',
        check: `bad-${i}`,
        kind: 'http' as const,
        result: 'fail' as const,
        durationMs: 5,
        reason: 'status 404, expected 200',
      })),
    ],
  };
}

export function scoreboard(
  over: {
    before?: Verdict;
    after?: Verdict;
    closed?: FindingRef[];
    remaining?: FindingRef[];
    smoke?: SmokeScoreboard | null;
    failed?: number;
  } = {},
): RepairScoreboard {
  const summary = (verdict: Verdict, findings: FindingRef[]) => ({
    verdict,
    correlationId: 'c',
    checkedAt: '2026-01-01T00:00:00.000Z',
    findings,
  });
  const closed = over.closed ?? [ref('DNS_UNRESOLVABLE_FROM_CONTAINER')];
  const remaining = over.remaining ?? [];
  return {
    result: remaining.length === 0 ? 'repaired' : 'improved',
    before: summary(over.before ?? 'unhealthy', [...closed, ...remaining]),
    after: summary(over.after ?? 'healthy', remaining),
    closed,
    remaining,
    appeared: [],
    steps: { succeeded: 1, failed: over.failed ?? 0, skipped: 0 },
    smoke: over.smoke ?? null,
    timing: { totalMs: 500, engineMs: 300, diagnosisMs: 150, smokeMs: 0, toolMs: 50 },
  };
}

export function ran(
  status: RepairReport['status'],
  board: RepairScoreboard | null,
  forPlan = plan([step('s1', 'Connect dev to backend')]),
): RepairExecution {
  return {
    status: 'ran',
    files: { json: '/data/repairs/r-1.json', markdown: '/data/repairs/r-1.md' },
    report: {
      id: 'r-1',
      status,
      startedAt: '2026-01-01T00:00:00.000Z',
      plan: forPlan,
      outcomes: [],
      scoreboard: board,
      correlationIds: { repair: 'r-1', plan: 'd-1', before: 'd-2', after: board ? 'd-3' : null },
      log: [],
    },
  };
}
