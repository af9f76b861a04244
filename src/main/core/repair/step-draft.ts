import type { FindingRef, RepairStep } from '../../../shared/model/index.ts';

/** A step before ordering: what it does, without its id and the ids it waits for. */
export interface StepDraft extends Omit<RepairStep, 'id' | 'after'> {
  /** Identifies what the step changes: two findings asking for the same change share one step. */
  key: string;
  /** `project/service` of the service it acts on, for dependency order. */
  serviceKey?: string;
}

/** A finding reduced to what plans and scoreboards carry. */
export function refOf(finding: FindingRef): FindingRef {
  return { id: finding.id, severity: finding.severity, subject: finding.subject, summary: finding.summary };
}

/** `id subject`: how before/after match a finding. */
export function findingKey(finding: Pick<FindingRef, 'id' | 'subject'>): string {
  return `${finding.id}\u0000${finding.subject}`;
}
