import type { SyncDisposable } from '../../../shared/lifecycle/disposable.ts';
import { Emitter, type Event } from '../../../shared/lifecycle/emitter.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import type {
  NotificationKind,
  RecoveryEvent,
  RecoveryHistoryEntry,
  RecoveryPolicy,
  RecoverySnapshot,
  RecoveryStatus,
  ServiceStateEvent,
} from '../../../shared/model/recovery.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { Logger } from '../ports/logger.port.ts';
import { DependencyGraph } from './dependency-graph.ts';
import { NotificationDebouncer } from './notification-debouncer.ts';
import { PlanBook } from './plan-book.ts';
import { PlanQueue } from './plan-queue.ts';
import { RecoveryHistory } from './recovery-history.ts';
import { buildSnapshot, buildStatus } from './recovery-status.ts';
import type { MachineContext, MachineVerdict } from './service-machine.types.ts';
import { ServiceMachine } from './service-state.machine.ts';
import type { RestoreTarget } from './snapshot-restore.ts';
import { stackFingerprint } from './stack-fingerprint.ts';

/** How often every live service is evaluated again whatever its wake timer (see scheduleResync), ms. */
const RESYNC_MS = 5000;

export interface RecoveryCoreSettings {
  clock: Clock;
  newId: () => string;
  logger: Logger;
  defaultPolicy: RecoveryPolicy;
  parallelism: number;
  historyLimit: number;
  notificationWindowMs: number;
  settleMs: number;
}

/**
 * The engine's state and bookkeeping, shared by its parts through EngineCore: the machines, policies, plans, queue,
 * history, per-service wake-up timers, the fingerprint and the event emitter. RecoveryEngine adds the public API.
 */
export abstract class RecoveryCore implements RestoreTarget {
  readonly clock: Clock;
  readonly history: RecoveryHistory;
  readonly book: PlanBook;
  readonly queue: PlanQueue;
  graph = new DependencyGraph([]);
  running = true;
  disposed = false;
  protected readonly emitter: Emitter<RecoveryEvent>;
  /** service-state, recovery (plan) and notification events. */
  readonly events: Event<RecoveryEvent>;
  protected readonly machines = new Map<string, ServiceMachine>();
  protected readonly policies = new Map<string, RecoveryPolicy>();
  protected readonly wakes = new Map<string, { at: number; handle: SyncDisposable }>();
  private resync: SyncDisposable | undefined;
  protected readonly notifications: NotificationDebouncer;
  protected config: unknown = null;
  private currentFingerprint = '';
  /**
   * Wall-clock ms minus monotonic ms, taken once: every timestamp of this engine derives from the monotonic clock
   * through it, so the same instant always prints the same (re-reading both clocks per call would jitter by a ms).
   */
  private readonly wallOffsetMs: number;

  constructor(protected readonly settings: RecoveryCoreSettings) {
    this.clock = settings.clock;
    this.wallOffsetMs = settings.clock.date().getTime() - settings.clock.now();
    this.emitter = new Emitter((error) => settings.logger.warn({ err: errorMessage(error) }, 'recovery event listener failed'));
    this.events = this.emitter.event;
    this.history = new RecoveryHistory(settings.historyLimit);
    this.book = new PlanBook(
      this.clock,
      settings.newId,
      this.history,
      (ms) => this.toIso(ms),
      (e) => this.emitter.emit(e),
    );
    this.queue = new PlanQueue(this.clock, () => this.pump());
    this.notifications = new NotificationDebouncer(this.clock, settings.notificationWindowMs, (n) => this.emitter.emit(n));
    this.refingerprint();
    this.scheduleResync();
  }

  /**
   * Level-triggered beside the edge-triggered wakes (as a controller's resync period): every RESYNC_MS each live
   * service is evaluated again, so a wake that was lost or came early delays a time-driven change (a stability or
   * grace window ending) by at most that long. Evaluating is idempotent: a service whose state holds changes nothing,
   * and nothing is persisted unless a state changed.
   */
  private scheduleResync(): void {
    this.resync = this.clock.setTimeout(() => {
      if (this.disposed) return;
      for (const m of [...this.machines.values()]) {
        if (!m.isLive || this.machines.get(m.service) !== m) continue;
        const before = m.state;
        this.apply(m, m.tick(this.context(m.service)));
        if (m.state !== before) this.changed(m.service);
      }
      this.pump();
      this.scheduleResync();
    }, RESYNC_MS);
  }

  abstract pump(): void;
  /** Acts on what a machine said (the engine's decisions). */
  protected abstract apply(m: ServiceMachine, verdict: MachineVerdict): void;
  /** Persists after a change. */
  protected abstract persist(): void;

  machine(service: string): ServiceMachine | undefined {
    return this.machines.get(service);
  }

  machineFor(service: string): ServiceMachine {
    let m = this.machines.get(service);
    if (!m) {
      m = new ServiceMachine(service, this.clock.now(), (t) => {
        const { atMs, ...rest } = t;
        const event: ServiceStateEvent = { type: 'service-state', ...rest, at: this.toIso(atMs) };
        this.emitter.emit(event);
      });
      this.machines.set(service, m);
    }
    return m;
  }

  policy(service: string): RecoveryPolicy {
    return this.policies.get(service) ?? this.settings.defaultPolicy;
  }

  priority(service: string): number {
    return this.policy(service).priority ?? this.graph.depth(service);
  }

  fingerprint(): string {
    return this.currentFingerprint;
  }

  protected refingerprint(): void {
    const containers = Object.fromEntries([...this.machines].map(([name, m]) => [name, m.containerId]));
    this.currentFingerprint = stackFingerprint({ config: this.config, containers });
  }

  context(service: string): MachineContext {
    return { now: this.clock.now(), policy: this.policy(service), plan: this.book.activity(service), settleMs: this.settings.settleMs };
  }

  notify(service: string, kind: NotificationKind, message: string): void {
    this.notifications.notify({ type: 'notification', service, kind, message, at: this.clock.date().toISOString() });
  }

  changed(service?: string): void {
    if (this.disposed) return;
    this.persist();
    if (service !== undefined) this.rearm(service);
  }

  fromIso(iso: string): number {
    return Date.parse(iso) - this.wallOffsetMs;
  }

  protected toIso(ms: number): string {
    return new Date(this.wallOffsetMs + ms).toISOString();
  }

  status(): RecoveryStatus {
    return buildStatus({
      running: this.running,
      parallelism: this.settings.parallelism,
      now: this.clock.now(),
      plans: this.book.all(),
      services: [...this.machines.values()].map((m) => ({
        machine: m,
        policy: this.policy(m.service),
        priority: this.priority(m.service),
      })),
      toIso: (ms) => this.toIso(ms),
    });
  }

  /** Finished plans, oldest first (bounded). */
  historyEntries(): readonly RecoveryHistoryEntry[] {
    return this.history.list();
  }

  protected snapshot(): RecoverySnapshot {
    return buildSnapshot(this.status(), this.history.list(), this.clock.date().toISOString());
  }

  /** One Clock timer per service, for the next moment time alone may change its state. */
  private rearm(service: string): void {
    const m = this.machines.get(service);
    const at = m?.nextWakeMs(this.context(service));
    const current = this.wakes.get(service);
    if (current?.at === at) return;
    current?.handle.dispose();
    this.wakes.delete(service);
    if (at === undefined || !m) return;
    const handle = this.clock.setTimeout(() => {
      this.wakes.delete(service);
      this.apply(m, m.tick(this.context(service)));
      this.changed(service);
      this.pump();
    }, at - this.clock.now());
    this.wakes.set(service, { at, handle });
  }

  protected disposeTimers(): void {
    this.resync?.dispose();
    for (const wake of this.wakes.values()) wake.handle.dispose();
    this.wakes.clear();
    this.queue.dispose();
    this.notifications.dispose();
  }
}
