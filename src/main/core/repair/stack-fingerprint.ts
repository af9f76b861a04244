import { createHash } from 'node:crypto';
import type { Diagnosis, RepairStep } from '../../../shared/model/index.ts';

/**
 * What a plan relies on, as canonical data: the stack's configuration as diagnosed (projects with their files and
 * networks; services with their dependencies), every service's container id, and for the containers the steps act
 * on their state, health and networks; the orchestrator decision when a step is about it. Anything else (a probe's
 * latency, an unrelated container's health) may change between preview and execution without refusing the plan.
 */
export function fingerprintFacts(diagnosis: Diagnosis, steps: readonly Pick<RepairStep, 'kind' | 'container'>[]): unknown {
  const projects = diagnosis.projects
    .map((p) => [p.name, p.kind, [...p.files].sort(), [...p.networks].sort()] as const)
    .sort((a, b) => a[0].localeCompare(b[0]));
  const services = diagnosis.services
    .map((s) => [`${s.project}/${s.name}`, s.role, [...s.dependsOn].sort(), s.container?.id ?? null] as const)
    .sort((a, b) => a[0].localeCompare(b[0]));
  const touched = [...new Set(steps.flatMap((s) => (s.container ? [s.container.id] : [])))].sort();
  const states = touched.map((id) => {
    const container = diagnosis.services.find((s) => s.container?.id === id)?.container;
    return container ? [id, container.state, container.health, container.networks.map((n) => n.name).sort()] : [id, 'missing'];
  });
  const aboutTarget = steps.some((s) => s.kind === 'pin-orchestrator-target' || s.kind === 'reset-breaker');
  const { configuredUrl, configuredFrom, decision, resolvedUrl } = diagnosis.orchestrator;
  return {
    projects,
    services,
    states,
    orchestrator: aboutTarget ? [configuredUrl, configuredFrom, decision, resolvedUrl] : null,
  };
}

/** 16 hex characters of SHA-256 over {@link fingerprintFacts}: equal stacks give equal fingerprints. */
export function stackFingerprint(diagnosis: Diagnosis, steps: readonly Pick<RepairStep, 'kind' | 'container'>[]): string {
  // The facts are built from sorted arrays only, so JSON.stringify is canonical without a stable stringifier.
  return createHash('sha256')
    .update(JSON.stringify(fingerprintFacts(diagnosis, steps)))
    .digest('hex')
    .slice(0, 16);
}
