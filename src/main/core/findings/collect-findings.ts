import { compareFindings, type Finding } from '../../../shared/model/index.ts';
import type { AnyCheck, CheckScope } from '../checks/check.ts';
import type { FactView } from '../checks/fact-store.ts';
import type { OtherProject } from '../discovery/discover-stack.ts';
import { noStackFindings } from './config.rules.ts';
import { engineFindings } from './engine.rules.ts';

export interface FindingInput {
  /** The checks that ran, in registry order: each derives its own findings from the run's facts. */
  checks: readonly AnyCheck[];
  facts: FactView;
  scope: CheckScope;
  otherProjects: OtherProject[];
}

/**
 * Every finding of one run, without duplicates, worst first: the engine's and the stack's own (decided
 * before any check ran), then each check's, in registry order.
 */
export function collectFindings({ checks, facts, scope, otherProjects }: FindingInput): Finding[] {
  const all = [
    ...engineFindings(scope.engine),
    ...noStackFindings({ stack: scope.stack, otherProjects, engineOk: scope.engine.ok }),
    ...checks.flatMap((check) => check.findings(facts, scope)),
  ];
  return dedupe(all).sort(compareFindings);
}

/** Same id and subject and summary: the same fact reached by two paths. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.id}\u0000${f.subject}\u0000${f.summary}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
