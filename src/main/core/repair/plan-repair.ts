import type { Diagnosis, NeedsYou, RepairPlan } from '../../../shared/model/index.ts';
import { breakerKey } from '../chat/breaker-rules.ts';
import type { ComposeCli } from '../ports/repair-compose.port.ts';
import { classifyFinding } from './classify-finding.ts';
import { orderSteps } from './order-steps.ts';
import { StackIndex } from './stack-index.ts';
import { stackFingerprint } from './stack-fingerprint.ts';
import { describeBreakerReset } from './step-describe.ts';
import type { StepDraft } from './step-draft.ts';

export interface PlanInput {
  diagnosis: Diagnosis;
  /** Id of the new plan. */
  id: string;
  /** ISO time of the plan. */
  createdAt: string;
  /** The compose CLI a create step would run; null: create steps become "needs you" with the command to run. */
  compose: ComposeCli | null;
  /** Targets whose chat circuit breaker is open (BreakerResetPort.openTargets); default none. */
  openBreakers?: readonly string[];
}

/**
 * The repair plan of a diagnosis: one step per distinct change the findings ask for and the rules allow (several
 * findings asking for the same change share a step), ordered dependencies first; every other warning or error is
 * listed as "needs you" with its fix text (info findings are notes, not problems). Pure: nothing is touched here.
 */
export function planRepair({ diagnosis, id, createdAt, compose, openBreakers = [] }: PlanInput): RepairPlan {
  const stack = new StackIndex(diagnosis);
  const drafts = new Map<string, StepDraft>();
  const needsYou: NeedsYou[] = [];
  for (const finding of diagnosis.findings) {
    const classified = classifyFinding(finding, { stack, compose });
    if (classified.kind === 'needs-you') {
      // An info finding that no step answers is a note, not a problem: the user has nothing to do about it.
      if (finding.severity !== 'info') needsYou.push(classified.item);
      continue;
    }
    const existing = drafts.get(classified.step.key);
    if (existing) existing.answers.push(...classified.step.answers);
    else drafts.set(classified.step.key, classified.step);
  }
  for (const target of recoveredBreakers(diagnosis, openBreakers)) {
    drafts.set(`breaker|${target}`, {
      key: `breaker|${target}`,
      kind: 'reset-breaker',
      title: `Reset the chat circuit breaker for ${target}`,
      action: { kind: 'reset-breaker', params: { target } },
      answers: [],
      ...describeBreakerReset(target),
    });
  }
  const steps = orderSteps([...drafts.values()], stack);
  return {
    id,
    createdAt,
    workspace: diagnosis.workspace,
    diagnosisId: diagnosis.correlationId,
    verdict: diagnosis.verdict,
    fingerprint: stackFingerprint(diagnosis, steps),
    steps,
    needsYou,
    composeCli: compose ? compose.argv0.join(' ') : null,
  };
}

/**
 * Open breakers whose target answers again: the diagnosis resolved the orchestrator to that origin. A breaker
 * whose target is still down stays open: closing it would only let the next exchanges fail slowly.
 */
function recoveredBreakers(diagnosis: Diagnosis, open: readonly string[]): string[] {
  const { decision, resolvedUrl } = diagnosis.orchestrator;
  if (!resolvedUrl || (decision !== 'as-configured' && decision !== 'localhost-fallback')) return [];
  const answering = breakerKey(resolvedUrl);
  return [...new Set(open)].filter((target) => breakerKey(target) === answering);
}
