import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecoveryPolicyInput } from '../../../../src/shared/model/recovery.ts';
import type { SupervisionEvent } from '../../../../src/shared/model/index.ts';
import { systemClock } from '../../../../src/main/adapters/clock/system-clock.ts';
import { DockerEngineAdapter } from '../../../../src/main/adapters/docker/docker-engine.adapter.ts';
import { NetworkProbeAdapter } from '../../../../src/main/adapters/network/network-probe.adapter.ts';
import { EngineRecoveryActions } from '../../../../src/main/adapters/recovery/engine-recovery-actions.adapter.ts';
import { EngineRecoveryHealth } from '../../../../src/main/adapters/recovery/engine-recovery-health.adapter.ts';
import { JsonFileRecoveryStore } from '../../../../src/main/adapters/recovery/json-file-recovery-store.adapter.ts';
import { SelfActionLedger } from '../../../../src/main/adapters/recovery/self-action-ledger.ts';
import { translateContainerEvent } from '../../../../src/main/app/supervision/event-translator.ts';
import { initialObservations } from '../../../../src/main/app/supervision/reconcile.ts';
import { StackMembership } from '../../../../src/main/app/supervision/stack-membership.ts';
import { RecoveryEngine } from '../../../../src/main/core/recovery/recovery-engine.ts';
import type { ServiceObservation } from '../../../../src/main/core/recovery/service-observation.ts';
import { Arrivals } from '../../support/arrivals.ts';

/** One service of the rig's stack: a compose project + service name and the container running it now. */
export interface RigService {
  name: string;
  project: string;
  containerId: string;
}

/**
 * The recovery engine wired to the real engine the way the supervisor wires it, for what no face can trigger yet
 * (a recreate with a new environment is a RecoveryEngine command only): the real actions and health adapters over
 * DockerEngineAdapter, the self-action ledger, the engine's event stream translated through the supervisor's own
 * event translator and stack membership, and the JSON file store. Nothing about Docker is mocked.
 */
export interface RecoveryRig {
  readonly engine: RecoveryEngine;
  readonly membership: StackMembership;
  /** Every event the recovery engine emitted, in order. */
  readonly events: SupervisionEvent[];
  /** Resolves with the first event (past or future) matching `predicate`; rejects after `withinMs`. */
  waitFor(predicate: (e: SupervisionEvent) => boolean, withinMs: number, description: string): Promise<SupervisionEvent>;
  dispose(): Promise<void>;
}

export async function startRecoveryRig(services: readonly RigService[], policy: RecoveryPolicyInput = {}): Promise<RecoveryRig> {
  const docker = DockerEngineAdapter.fromEnvironment();
  const clock = systemClock;
  const ledger = new SelfActionLedger(() => clock.now());
  // A shared engine under load can take seconds to list.
  const listed = await docker.listContainers(30_000);
  const membership = new StackMembership(
    services.map((s) => ({
      name: s.name,
      project: s.project,
      dependsOn: [],
      container: listed.find((c) => c.id === s.containerId) ?? null,
      policy,
    })),
  );
  const dir = await mkdtemp(join(tmpdir(), 'sd-recovery-rig-'));
  const engine = new RecoveryEngine({
    clock,
    actions: new EngineRecoveryActions(docker, ledger),
    health: new EngineRecoveryHealth(docker, new NetworkProbeAdapter(), clock, (service) =>
      membership.service(service) ? { containerId: membership.containerOf(service) } : undefined,
    ),
    store: new JsonFileRecoveryStore(join(dir, 'recovery.json')),
    newId: randomUUID,
  });
  const arrivals = new Arrivals<SupervisionEvent>();
  const events = arrivals.items;
  const listening = engine.events((e) => {
    events.push(e);
    arrivals.wake();
  });

  // As the supervisor does: a container that starts as a member becomes the service's current one.
  const observe = (obs: ServiceObservation): void => {
    if (obs.kind === 'container-started' && obs.containerId) membership.adopt(obs.service, obs.containerId);
    engine.observe(obs);
  };
  const set = engine.setStack(membership.toSupervisedStack());
  if (!set.ok) throw new Error(set.error.message);
  for (const s of membership.services) for (const obs of initialObservations(s.name, s.container)) observe(obs);

  let opened!: () => void;
  const open = new Promise<void>((done) => (opened = done));
  const subscription = docker.subscribe(
    (message) => {
      if (message.type !== 'container') return;
      const observations = translateContainerEvent(message, {
        serviceOf: (id, labels) => membership.serviceOf(id, labels),
        isSelf: (id) => ledger.isSelf(id),
        consumeSelfDie: (id) => ledger.consumeDie(id),
        currentContainer: (service) => membership.containerOf(service),
        noteOom: () => undefined,
        takeOom: () => false,
      });
      for (const obs of observations) observe(obs);
    },
    { reconcile: () => opened() },
  );
  await open;

  return {
    engine,
    membership,
    events,
    waitFor: (predicate, withinMs, description) =>
      arrivals.waitFor(
        predicate,
        withinMs,
        () => `no ${description} within ${withinMs} ms; events:\n${events.map((e) => JSON.stringify(e)).join('\n')}`,
      ),
    async dispose() {
      subscription.dispose();
      listening.dispose();
      await engine.dispose();
      docker.dispose();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
