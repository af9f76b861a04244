import type { RepairStep, RepairStepKind } from '../../../shared/model/index.ts';
import type { StackIndex } from './stack-index.ts';
import type { StepDraft } from './step-draft.ts';

/** Ties are broken by kind: what exists and runs first, then what joins it, then what restarts, settings last. */
const RANK: Record<RepairStepKind, number> = {
  'create-service': 0,
  'start-container': 1,
  'network-connect': 2,
  'restart-container': 3,
  'pin-orchestrator-target': 4,
  'reset-breaker': 5,
};
const BRINGS_UP = new Set<RepairStepKind>(['create-service', 'start-container', 'restart-container']);
const IN_STACK = new Set<RepairStepKind>(['create-service', 'start-container', 'network-connect', 'restart-container']);

/**
 * Orders steps dependencies first and gives each its id and the steps it waits for:
 * - what a service depends on (compose `depends_on`, transitively) is created, started or restarted before any
 *   step on that service;
 * - a container is started before it is connected to a network, and connected before it is restarted; the
 *   containers on the network it joins are started before it joins;
 * - the settings pin and the breaker reset come after every change to the stack (the breaker last).
 * A dependency cycle (a broken compose model) falls back to the kind order for the steps caught in it.
 */
export function orderSteps(drafts: readonly StepDraft[], stack: StackIndex): RepairStep[] {
  const before = drafts.map(() => new Set<number>());
  drafts.forEach((b, j) =>
    drafts.forEach((a, i) => {
      if (i !== j && mustPrecede(a, b, stack)) before[j]?.add(i);
    }),
  );
  const order = topological(drafts, before);
  const idOf = new Map(order.map((index, position) => [index, `s${position + 1}`]));
  return order.map((index) => {
    const { key: _key, serviceKey: _service, ...step } = drafts[index] as StepDraft;
    const after = [...(before[index] ?? [])].map((i) => idOf.get(i) as string).sort(byStepId);
    return { id: idOf.get(index) as string, ...step, after };
  });
}

function mustPrecede(a: StepDraft, b: StepDraft, stack: StackIndex): boolean {
  if (b.kind === 'reset-breaker') return a.kind !== 'reset-breaker';
  if (b.kind === 'pin-orchestrator-target') return IN_STACK.has(a.kind);
  if (!IN_STACK.has(a.kind) || !IN_STACK.has(b.kind)) return false;
  if (a.serviceKey && a.serviceKey === b.serviceKey) return RANK[a.kind] < RANK[b.kind];
  if (BRINGS_UP.has(a.kind) && a.serviceKey && b.serviceKey) {
    const [project = '', name = ''] = splitKey(b.serviceKey);
    const service = stack.service(project, name);
    if (service && stack.dependencies(service).has(a.serviceKey)) return true;
  }
  if (
    b.kind === 'network-connect' &&
    b.action.kind === 'network-connect' &&
    (a.kind === 'start-container' || a.kind === 'create-service')
  ) {
    return onNetwork(a, b.action.params.network, stack);
  }
  return false;
}

/** Whether the container `a` brings up is (or, created, will be) on `network`. */
function onNetwork(a: StepDraft, network: string, stack: StackIndex): boolean {
  if (a.container) return stack.container(a.container.name)?.container.networks.some((n) => n.name === network) ?? false;
  if (a.action.kind === 'create-service') {
    const project = a.action.params.project;
    return stack.diagnosis.projects.some((p) => p.name === project && p.networks.includes(network));
  }
  return false;
}

/** Kahn's algorithm, picking the lowest (rank, original position) among the ready steps. */
function topological(drafts: readonly StepDraft[], before: Set<number>[]): number[] {
  const done = new Set<number>();
  const order: number[] = [];
  const key = (i: number): number => RANK[(drafts[i] as StepDraft).kind] * 10_000 + i;
  while (order.length < drafts.length) {
    const remaining = drafts.map((_, i) => i).filter((i) => !done.has(i));
    const ready = remaining.filter((i) => [...(before[i] ?? [])].every((p) => done.has(p)));
    // A cycle: take the best remaining step and drop its unmet waits, so the plan still says what runs first.
    const pool = ready.length > 0 ? ready : remaining;
    const next = pool.reduce((best, i) => (key(i) < key(best) ? i : best));
    if (ready.length === 0) for (const p of [...(before[next] ?? [])]) if (!done.has(p)) before[next]?.delete(p);
    done.add(next);
    order.push(next);
  }
  return order;
}

function splitKey(key: string): [string, string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}

function byStepId(a: string, b: string): number {
  return Number(a.slice(1)) - Number(b.slice(1));
}
