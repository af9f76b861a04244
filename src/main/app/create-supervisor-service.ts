import { DisposableStore, type Disposable } from '../../shared/lifecycle/disposable.ts';
import { Emitter } from '../../shared/lifecycle/emitter.ts';
import { errorMessage } from '../../shared/error-message.ts';
import type { Diagnosis, ServiceChecks, StackConfig, SupervisionEvent, SupervisionStatus } from '../../shared/model/index.ts';
import { createRedisHeartbeatStore } from '../adapters/protocols/redis-heartbeat-store.adapter.ts';
import { loopbackFor, protocolBindings } from '../core/checks/protocol-services.ts';
import type { EngineStreamMessage } from '../core/ports/engine-events.port.ts';
import type { RecoveryStore } from '../core/ports/recovery-store.port.ts';
import { RecoveryEngine } from '../core/recovery/recovery-engine.ts';
import type { ServiceObservation } from '../core/recovery/service-observation.ts';
import type { SupervisorService } from './supervisor-service.ts';
import { translateContainerEvent } from './supervision/event-translator.ts';
import { componentChecks } from './supervision/health-checks.ts';
import { startHealthPoller, type PolledService } from './supervision/health-poller.ts';
import { startHeartbeats } from './supervision/heartbeat-poller.ts';
import { initialObservations, reconcileStates, type KnownStates } from './supervision/reconcile.ts';
import { StackMembership } from './supervision/stack-membership.ts';
import type { SupervisorDeps, SupervisorOptions } from './supervision/supervision-deps.ts';

export type { SupervisorDeps, SupervisorOptions } from './supervision/supervision-deps.ts';

/** The placeholder engine's store: nothing to restore, nothing kept. */
const nothingStored: RecoveryStore = { load: () => Promise.resolve(undefined), save: () => Promise.resolve() };

/**
 * The supervisor: discovers the workspace's stack (the diagnosis), subscribes to the engine's events, turns them
 * into observations for the recovery engine, probes HTTP health on an interval, reconciles after a gap in the
 * stream, and persists status and history through the store. Built by the app graph, started only by long-running
 * faces, disposed by the app (leaving containers as they are).
 */
export function createSupervisorService(deps: SupervisorDeps, options: SupervisorOptions = {}): SupervisorService {
  const { clock, logger } = deps;
  const store = new DisposableStore();
  const emitter = new Emitter<SupervisionEvent>((e) => logger.warn({ err: errorMessage(e) }, 'supervision listener failed'));
  let membership = new StackMembership([]);
  let config: StackConfig | undefined;
  let workspace = deps.workspace();
  let startedP: Promise<void> | null = null;
  let paused = false;
  let engineState: SupervisionStatus['engine'] = { state: 'connecting', since: clock.date().toISOString() };
  const known: KnownStates = new Map();
  const ooms = new Set<string>();
  /** The latest `checks` of each service's health body, for the Recovery view. */
  const checks = new Map<string, ServiceChecks>();
  const { actions, health } = deps.makeRecovery((service) => {
    const m = membership.service(service);
    return m ? { containerId: membership.containerOf(service), ...(m.healthUrl ? { healthUrl: m.healthUrl } : {}) } : undefined;
  });
  const at = (): string => clock.date().toISOString();
  const emit = (event: SupervisionEvent): void => {
    // Every event in the log too (they carry no secret: `watch --json` prints them), so a run can be reconstructed.
    logger.info({ supervision: event }, `supervision ${event.type}`);
    emitter.emit(event);
  };
  /**
   * Until start, a placeholder engine with the defaults answers status queries; it persists nothing (its empty
   * snapshot must not overwrite the stored history). At start the real one is built with the stack config's
   * `recovery.parallelism` and `recovery.defaults`, and restores the stored state.
   */
  const makeEngine = (recovery?: StackConfig['recovery'], persist = true): { engine: RecoveryEngine; events: Disposable } => {
    const built = new RecoveryEngine(
      { clock, actions, health, store: persist ? deps.store : nothingStored, newId: deps.newId, logger },
      { parallelism: recovery?.parallelism ?? 2, ...(recovery?.defaults ? { defaultPolicy: recovery.defaults } : {}) },
    );
    return { engine: built, events: built.events((e) => emit(e)) };
  };
  let { engine, events: engineEvents } = makeEngine(undefined, false);
  store.add({
    dispose: () => {
      engineEvents.dispose();
      return engine.dispose();
    },
  });
  /** Monotonic ms of each service's latest container start seen: heartbeats do not expire within the start grace. */
  const startedAt = new Map<string, number>();

  /** When each service last had a container event or a state change (a counter): a reconcile leaves alone what moved while it listed. */
  const moved = new Map<string, number>();
  let moves = 0;
  /** What supervision itself keeps of an observation: which container is current, running or not. */
  const track = (obs: ServiceObservation): void => {
    if (obs.kind === 'container-started' || obs.kind === 'container-died' || obs.kind === 'docker-health') moved.set(obs.service, ++moves);
    if (obs.kind === 'container-started') startedAt.set(obs.service, clock.now());
    if (obs.kind === 'container-started' && obs.containerId) {
      membership.adopt(obs.service, obs.containerId);
      known.set(obs.service, { containerId: obs.containerId, running: true });
    }
    if (obs.kind === 'container-died' || obs.kind === 'docker-health') {
      const k = known.get(obs.service);
      if (k && obs.kind === 'container-died') k.running = false;
      if (k && obs.kind === 'docker-health') k.health = obs.status;
    }
  };
  const observe = (obs: ServiceObservation): void => {
    track(obs);
    engine.observe(obs);
  };

  const setEngineState = (state: SupervisionStatus['engine']['state'], attempt?: number): void => {
    engineState = { state, since: at(), ...(attempt === undefined ? {} : { attempt }) };
  };

  /**
   * Follows the stack as diagnoses report it. A service that joins it is observed from its container at once (a
   * running one is not left "starting" for want of a start event it will never send).
   */
  const adoptStack = (next: StackMembership): void => {
    const before = membership;
    membership = next;
    const set = engine.setStack(next.toSupervisedStack());
    if (!set.ok) return logger.error({ err: set.error.message }, 'supervision: stack refused');
    for (const s of next.services) {
      if (before.service(s.name) === undefined) for (const obs of initialObservations(s.name, s.container)) observe(obs);
    }
  };

  const reconcile = async (reason: 'initial' | 'gap'): Promise<void> => {
    // The first time too: what changed between the discovery and the subscription is caught here.
    const before = moves;
    const containers = await deps.engine.listContainers(10_000);
    // The list is older than the events that arrived while it was taken: those services are as the events said.
    const stale = new Set([...moved].flatMap(([service, n]) => (n > before ? [service] : [])));
    const { observations, changed } = reconcileStates(known, containers, (c) => membership.serviceOf(c.id, c.labels));
    const fresh = observations.filter((obs) => !stale.has(obs.service));
    for (const obs of fresh) track(obs);
    // As one batch: services that went down together come back dependencies first, whatever the list's order.
    engine.observeAll(fresh);
    if (reason === 'gap') emit({ type: 'engine', state: 'reconciled', changed: changed.filter((s) => !stale.has(s)), at: at() });
  };

  const onMessage = (message: EngineStreamMessage): void => {
    if (message.type === 'stream') {
      if (message.state === 'connected') {
        setEngineState('connected');
        emit({ type: 'engine', state: 'connected', at: at() });
      } else {
        setEngineState('lost', message.attempt);
        emit({ type: 'engine', state: 'lost', attempt: message.attempt, delayMs: Math.round(message.retryInMs), at: at() });
      }
      return;
    }
    if (message.type !== 'container') return;
    // Any event of a member (even one that says nothing to recovery, such as the die of our own restart) makes a list
    // in flight older than what the engine said since.
    const member = membership.serviceOf(message.containerId, message.labels);
    if (member !== undefined) moved.set(member, ++moves);
    const observations = translateContainerEvent(message, {
      serviceOf: (id, labels) => membership.serviceOf(id, labels),
      isSelf: (id) => deps.self.isSelf(id),
      consumeSelfDie: (id) => deps.self.consumeDie(id),
      currentContainer: (service) => membership.containerOf(service),
      noteOom: (id) => ooms.add(id),
      takeOom: (id) => ooms.delete(id),
    });
    for (const obs of observations) observe(obs);
  };

  /** Waits for an engine that is not up yet (wait-on-startup), backing off to 5 s between looks. */
  const waitForEngine = async (): Promise<void> => {
    let delay = options.engineRetryMs ?? 200;
    for (let attempt = 1; !store.isDisposed; attempt++) {
      try {
        await deps.engine.version(2000);
        return;
      } catch (error) {
        setEngineState('lost', attempt);
        emit({ type: 'engine', state: 'lost', attempt, delayMs: delay, at: at() });
        logger.info({ err: errorMessage(error), attempt }, 'supervision: waiting for the Docker engine');
      }
      await clock.sleep(delay);
      delay = Math.min(delay * 2, 5000);
    }
  };

  const discover = async (diagnosis?: Diagnosis): Promise<StackMembership> => {
    config = await deps.readConfig(workspace).catch(() => undefined);
    const d = diagnosis ?? (await deps.diagnose(workspace));
    workspace = d.workspace;
    return StackMembership.fromDiagnosis(d, config);
  };

  /** Discovery with an engine that answered: a diagnosis whose engine probe failed (a busy engine) sees no stack. */
  const discoverWithEngine = async (): Promise<StackMembership | undefined> => {
    for (let attempt = 1; !store.isDisposed; attempt++) {
      await waitForEngine();
      config = await deps.readConfig(workspace).catch(() => undefined);
      const d = await deps.diagnose(workspace);
      if (d.engine.ok || attempt >= 5) return await discover(d);
      logger.warn({ attempt, err: d.engine.probe.error?.message }, 'supervision: the engine did not answer the discovery; retrying');
    }
    return undefined;
  };

  const run = async (): Promise<void> => {
    const found = await discoverWithEngine();
    if (!found || store.isDisposed) return;
    const recovery = config?.recovery;
    // Nothing was planned yet (the stack is adopted below): the placeholder gives way to the stack's engine.
    engineEvents.dispose();
    await engine.dispose();
    if (store.isDisposed) return;
    ({ engine, events: engineEvents } = makeEngine(recovery));
    if (paused) engine.pause();
    const restored = await engine.restore();
    if (!restored.ok) logger.warn({ err: restored.error.message }, 'supervision: stored recovery state not restored');
    adoptStack(found);
    store.add(deps.engine.subscribe(onMessage, { reconcile }));
    setEngineState('connected');
    store.add(
      deps.onDiagnosis((d) => {
        // A diagnosis the engine did not answer sees no containers: it says nothing about the stack.
        if (d.workspace !== workspace || !d.engine.ok || store.isDisposed) return;
        void discover(d).then(adoptStack, (e: unknown) => logger.warn({ err: errorMessage(e) }, 'supervision: stack not refreshed'));
      }),
    );
    const timing = {
      ...(recovery?.probeIntervalMs ? { intervalMs: recovery.probeIntervalMs } : {}),
      ...(recovery?.probeTimeoutMs ? { timeoutMs: recovery.probeTimeoutMs } : {}),
    };
    if (config?.heartbeats) {
      const running = (service: string): boolean => membership.service(service) !== undefined && known.get(service)?.running === true;
      const heartbeats = startHeartbeats(
        config.heartbeats,
        deps.heartbeatStore ?? ((endpoint) => createRedisHeartbeatStore(endpoint, clock)),
        clock,
        {
          running,
          mayExpire: (service) => clock.now() - (startedAt.get(service) ?? -Infinity) >= engine.policy(service).startGraceMs,
        },
        { observe, emit, logger },
        // Its own read budget (2 s): a SCAN of a shared Redis takes longer than one HTTP probe.
        timing.intervalMs ? { intervalMs: timing.intervalMs } : {},
      );
      if (heartbeats) store.add(heartbeats);
    }
    store.add(
      startHealthPoller(
        deps.net,
        clock,
        polledServices,
        observe,
        (service, c) => checks.set(service, { at: at(), components: componentChecks(c) }),
        timing,
      ),
    );
    emit({ type: 'supervision', state: 'started', at: at() });
  };

  const withChecks = (name: string): [string, ServiceChecks][] => {
    const latest = checks.get(name);
    return latest ? [[name, latest]] : [];
  };

  /** Running services with an HTTP health URL, and infrastructure without one, asked in its protocol. */
  const polledServices = (): PolledService[] =>
    membership.services.flatMap((s): PolledService[] => {
      if (!known.get(s.name)?.running) return [];
      if (s.healthUrl) return [{ name: s.name, healthUrl: s.healthUrl }];
      const [first] = s.container ? protocolBindings({ ...s.container, state: 'running' }) : [];
      return first
        ? [{ name: s.name, protocol: first.protocol, host: loopbackFor(first.binding.hostIp), port: first.binding.hostPort }]
        : [];
    });

  const service: SupervisorService & Disposable = {
    start() {
      if (store.isDisposed) return Promise.reject(new Error('The supervisor was disposed.'));
      startedP ??= run();
      return startedP;
    },
    pause() {
      paused = true;
      engine.pause();
      emit({ type: 'supervision', state: 'paused', at: at() });
    },
    resume() {
      paused = false;
      engine.resume();
      emit({ type: 'supervision', state: 'resumed', at: at() });
    },
    status() {
      const recovery = engine.status();
      return {
        started: startedP !== null,
        paused,
        engine: engineState,
        workspace,
        projects: membership.projects,
        recovery,
        policies: Object.fromEntries(membership.services.map((s) => [s.name, engine.policy(s.name)])),
        checks: Object.fromEntries(membership.services.flatMap((s) => withChecks(s.name))),
      };
    },
    history(limit) {
      const newestFirst = [...engine.historyEntries()].reverse();
      return limit === undefined ? newestFirst : newestFirst.slice(0, Math.max(0, limit));
    },
    setPolicy: (name, policy) => engine.setPolicy(name, policy),
    cancel: (planId) => engine.commands.cancel(planId),
    approve: (planId) => engine.commands.approve(planId),
    onEvent: emitter.event,
    async dispose() {
      if (store.isDisposed) return;
      if (startedP) emit({ type: 'supervision', state: 'stopped', at: at() });
      await store.dispose();
      emitter.dispose();
    },
  };
  return service;
}
