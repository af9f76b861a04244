import type { Disposable } from '../../../shared/lifecycle/disposable.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import type { RecoveryPolicy, RecoveryPolicyInput, RecoveryResult } from '../../../shared/model/recovery.ts';
import type { Clock } from '../ports/clock.port.ts';
import { silentLogger, type Logger } from '../ports/logger.port.ts';
import type { RecoveryActions } from '../ports/recovery-actions.port.ts';
import type { RecoveryHealth } from '../ports/recovery-health.port.ts';
import type { RecoveryStore } from '../ports/recovery-store.port.ts';
import { DependencyGraph, type StackServiceSpec } from './dependency-graph.ts';
import { deadlineFailure, withDeadline } from './deadline.ts';
import { PlanExecutor } from './plan-executor.ts';
import { RecoveryCommands } from './recovery-commands.ts';
import { RecoveryCore } from './recovery-core.ts';
import { handleFailure, handleUp, releaseIfReady } from './recovery-decisions.ts';
import { parseRecoveryPolicy } from './recovery-policy.ts';
import type { ServiceObservation } from './service-observation.ts';
import type { MachineVerdict } from './service-machine.types.ts';
import type { ServiceMachine } from './service-state.machine.ts';
import { SnapshotSaver } from './snapshot-saver.ts';
import { restoreSnapshot, type RestoreSummary } from './snapshot-restore.ts';

export interface RecoveryEngineOptions {
  /** Plans IN_PROGRESS at once (≥ 1). Default 2. */
  parallelism?: number;
  /** Finished plans kept in the history. Default 200. */
  historyLimit?: number;
  /** Per-service window in which further notifications are folded into one, ms. Default 60000. */
  notificationWindowMs?: number;
  /** Once its dependencies are back, how long a waiting service gets to recover by itself before a restart, ms. Default 5000. */
  dependencySettleMs?: number;
  /** Policy of services that bring none. Default: recoveryPolicySchema's (exponential, 1 s, ×2, 60 s cap, 5 attempts). */
  defaultPolicy?: RecoveryPolicyInput;
}

export interface RecoveryEngineDeps {
  clock: Clock;
  actions: RecoveryActions;
  health: RecoveryHealth;
  store: RecoveryStore;
  /** Plan ids (e.g. `crypto.randomUUID`). */
  newId: () => string;
  logger?: Logger;
}

/** A service to supervise: its dependencies, its current container and its own policy, if any. */
export interface SupervisedService extends StackServiceSpec {
  containerId?: string | null;
  policy?: RecoveryPolicyInput;
}

export interface SupervisedStack {
  services: readonly SupervisedService[];
  /** The stack's effective configuration; with the container ids it makes the fingerprint plans carry. */
  config: unknown;
}

/**
 * Keeps the stack's services running without restart storms: observations go into one state machine per service,
 * failures become plans (backoff per policy, dependencies first, at most one per service, `parallelism` at once),
 * plans act through the ports and are verified healthy. Status and history are persisted after every change.
 * Pure: time comes from the Clock, every effect goes through a port, `events` tells the world.
 */
export class RecoveryEngine extends RecoveryCore implements Disposable {
  /** Cancel, approve, recreate. */
  readonly commands: RecoveryCommands;
  private readonly executor: PlanExecutor;
  private readonly saver: SnapshotSaver;
  /** Health checks a breaker asked for, still running; aborted on dispose so no deadline timer outlives the engine. */
  private readonly checks = new Set<AbortController>();
  /** Inside observeAll: plans are queued, none is started until the whole batch is in. */
  private batching = false;

  constructor(
    private readonly deps: RecoveryEngineDeps,
    options: RecoveryEngineOptions = {},
  ) {
    const policy = parseRecoveryPolicy(options.defaultPolicy ?? {}, 'the default');
    if (!policy.ok) throw new Error(policy.error.message);
    const logger = deps.logger ?? silentLogger;
    super({
      clock: deps.clock,
      newId: deps.newId,
      logger,
      defaultPolicy: policy.value,
      parallelism: Math.max(1, Math.floor(options.parallelism ?? 2)),
      historyLimit: options.historyLimit ?? 200,
      notificationWindowMs: options.notificationWindowMs ?? 60_000,
      settleMs: options.dependencySettleMs ?? 5000,
    });
    this.executor = new PlanExecutor(this, deps, this.settings.parallelism);
    this.saver = new SnapshotSaver(
      deps.store,
      () => this.snapshot(),
      (e) => logger.error({ err: errorMessage(e) }, 'recovery snapshot not saved'),
    );
    this.commands = new RecoveryCommands(this, this.executor, (ms) => this.toIso(ms));
  }

  /** Sets (or replaces) the supervised stack; services that left it are forgotten. Refused whole when a policy is invalid. */
  setStack(stack: SupervisedStack): RecoveryResult<{ fingerprint: string }> {
    const policies = new Map<string, RecoveryPolicy>();
    for (const s of stack.services) {
      const parsed =
        s.policy === undefined ? { ok: true as const, value: this.settings.defaultPolicy } : parseRecoveryPolicy(s.policy, s.name);
      if (!parsed.ok) return parsed;
      policies.set(s.name, parsed.value);
    }
    this.graph = new DependencyGraph(stack.services);
    for (const name of [...this.machines.keys()]) if (!this.graph.has(name)) this.forget(name);
    for (const s of stack.services) {
      const m = this.machineFor(s.name);
      if (s.containerId !== undefined) m.containerId = s.containerId;
      this.policies.set(s.name, policies.get(s.name) ?? this.settings.defaultPolicy);
    }
    this.config = stack.config;
    this.refingerprint();
    this.changed();
    this.pump();
    return { ok: true, value: { fingerprint: this.fingerprint() } };
  }

  /** Validates and sets one service's policy; refused with INVALID_POLICY naming the field. */
  setPolicy(service: string, input: RecoveryPolicyInput): RecoveryResult<RecoveryPolicy> {
    if (!this.machines.has(service)) return { ok: false, error: { code: 'UNKNOWN_SERVICE', message: `${service} is not supervised` } };
    const parsed = parseRecoveryPolicy(input, service);
    if (parsed.ok) {
      this.policies.set(service, parsed.value);
      this.changed(service);
    }
    return parsed;
  }

  /**
   * Feeds several observations as one (a reconcile's): every failure among them is planned before any plan starts,
   * so the queue's priority, not the order of the list, decides what runs first: dependencies first.
   */
  observeAll(observations: readonly ServiceObservation[]): void {
    this.batching = true;
    try {
      for (const obs of observations) this.observe(obs);
    } finally {
      this.batching = false;
    }
    this.pump();
  }

  /** Feeds one observation; services outside the stack are ignored: recovery never touches them. */
  observe(obs: ServiceObservation): void {
    const m = this.machines.get(obs.service);
    if (!m || this.disposed) return;
    const containerBefore = m.containerId;
    this.apply(m, m.observe(obs, this.context(obs.service)));
    if (m.containerId !== containerBefore) this.refingerprint();
    this.changed(obs.service);
    this.pump();
  }

  protected apply(m: ServiceMachine, verdict: MachineVerdict): void {
    switch (verdict?.kind) {
      case 'failure':
        return handleFailure(this, m, { reason: verdict.reason, immediate: verdict.stableRun || verdict.cause === 'dependency-recovered' });
      case 'cancel-plan':
        return this.commands.cancelPlanOf(m.service, verdict.reason);
      case 'verification-failed':
        return this.executor.abort(m.service, verdict.reason);
      case 'check-health':
        return void this.checkHealth(m, verdict.reason);
      case 'dependency-changed':
        return verdict.up ? releaseIfReady(this, m.service, this.clock.now()) : undefined;
      case 'up':
        return handleUp(this, m, verdict.previous, (reason) => this.commands.cancelPlanOf(m.service, reason));
      case undefined:
        return undefined;
    }
  }

  /** The breaker opened for a target this service owns: check the service now, recover it when unhealthy. */
  private async checkHealth(m: ServiceMachine, why: string): Promise<void> {
    const ms = this.policy(m.service).healthTimeoutMs;
    const stop = new AbortController();
    this.checks.add(stop);
    const raced = await withDeadline(this.deps.health.check(m.service, stop.signal), ms, this.clock, stop.signal);
    this.checks.delete(stop);
    stop.abort();
    const verdict = raced.kind === 'done' ? raced.value : { ok: false as const, reason: deadlineFailure(raced, 'health check', ms) };
    if (verdict.ok || this.disposed || this.machines.get(m.service) !== m || !m.isLive || this.book.of(m.service)) return;
    const reason = `${why}, and the health check failed: ${verdict.reason}`;
    m.enter('unavailable', this.clock.now(), reason);
    handleFailure(this, m, { reason, immediate: true });
    this.pump();
  }

  /** Paused, due plans stay queued (observations are still taken). */
  pause(): void {
    this.running = false;
    this.changed();
  }

  resume(): void {
    this.running = true;
    this.changed();
    this.pump();
  }

  pump(): void {
    if (!this.disposed && !this.batching) this.executor?.pump();
  }

  protected persist(): void {
    this.saver?.request();
  }

  /** Takes back the stored snapshot, if any: call once at start, before or after `setStack`. */
  async restore(): Promise<RecoveryResult<RestoreSummary>> {
    let raw: unknown;
    try {
      raw = await this.deps.store.load();
    } catch (error) {
      return { ok: false, error: { code: 'INVALID_SNAPSHOT', message: `recovery snapshot not read: ${errorMessage(error)}` } };
    }
    if (raw === undefined || raw === null) return { ok: true, value: { services: 0, plans: 0, interrupted: 0 } };
    const restored = restoreSnapshot(this, raw);
    this.changed();
    this.pump();
    return restored;
  }

  /** Resolves once every change so far has been handed to the store. */
  flush(): Promise<void> {
    return this.saver.flush();
  }

  private forget(service: string): void {
    this.commands.cancelPlanOf(service, 'the service left the stack');
    this.wakes.get(service)?.handle.dispose();
    this.wakes.delete(service);
    this.machines.delete(service);
    this.policies.delete(service);
  }

  /** Stops supervising and leaves containers as they are: running plans are aborted and saved as IN_PROGRESS (restored as interrupted). */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.running = false;
    const final = this.snapshot();
    this.disposed = true;
    for (const plan of this.book.all()) plan.abort?.abort('Stack Doctor is stopping');
    for (const check of this.checks) check.abort('Stack Doctor is stopping');
    await this.executor.idle();
    this.disposeTimers();
    await this.saver.flush();
    await this.deps.store
      .save(final)
      .catch((e: unknown) => this.settings.logger.error({ err: errorMessage(e) }, 'recovery snapshot not saved'));
    this.emitter.dispose();
  }
}
