import {
  compareFindings,
  DEFAULT_SMOKE_TIMEOUT_MS,
  DIAGNOSIS_SUITE,
  type Diagnosis,
  type Finding,
  type ServiceReport,
} from '../../../shared/model/index.ts';
import type { CheckVerdict, PlannedCheck, PlannedSuite } from './smoke-check.ts';

/**
 * The built-in checks a diagnosis implies, in the `diagnosis` suite: one failed check per error or warning
 * finding (its summary, cause and fix as the reason), one passed check per service no such finding names, and
 * one passed check per info finding (info never changes the verdict, so it does not fail the smoke run either).
 * Pure: the diagnosis already ran; these checks only report it.
 */
export function diagnosisSuite(diagnosis: Diagnosis): PlannedSuite {
  const findings = [...diagnosis.findings].sort(compareFindings);
  const blocking = findings.filter((finding) => finding.severity !== 'info');
  const named = new Set(blocking.map((finding) => finding.subject));
  const checks: PlannedCheck[] = [
    ...findings.map((finding) => findingCheck(finding)),
    ...diagnosis.services
      .filter((service) => !namesOf(service).some((name) => named.has(name)))
      .map((service) => constant(`service ${labelOf(service)}`, service.container?.name ?? labelOf(service), { result: 'pass' })),
  ];
  return { name: DIAGNOSIS_SUITE, checks: uniqueNames(checks) };
}

/** Two findings may share id and subject (two closed ports of one service); a report needs distinct names. */
function uniqueNames(checks: PlannedCheck[]): PlannedCheck[] {
  const seen = new Map<string, number>();
  return checks.map((check) => {
    const count = (seen.get(check.name) ?? 0) + 1;
    seen.set(check.name, count);
    return count === 1 ? check : { ...check, name: `${check.name} (${count})` };
  });
}

function findingCheck(finding: Finding): PlannedCheck {
  const name = `${finding.id} ${finding.subject}`;
  const reason = `${finding.summary}: ${finding.cause}. Fix: ${finding.fix.description}`;
  return constant(name, finding.subject, finding.severity === 'info' ? { result: 'pass', reason } : { result: 'fail', reason });
}

function constant(name: string, target: string, verdict: CheckVerdict): PlannedCheck {
  return {
    suite: DIAGNOSIS_SUITE,
    name,
    kind: 'diagnosis',
    timeoutMs: DEFAULT_SMOKE_TIMEOUT_MS,
    target,
    run: () => Promise.resolve(verdict),
  };
}

/** How findings name a service: `project/service`, or the name alone for a devcontainer or a same-named project. */
function labelOf(service: ServiceReport): string {
  return service.role === 'devcontainer' || service.project === service.name ? service.name : `${service.project}/${service.name}`;
}

/** Every subject a finding about this service may carry. */
function namesOf(service: ServiceReport): string[] {
  return [labelOf(service), service.name, ...(service.container ? [service.container.name] : [])];
}
