import type { AppApi, ContractError, Result } from '../../../../shared/contract/index.ts';
import { toDisposable, type SyncDisposable } from '../../../../shared/lifecycle/disposable.ts';
import { Emitter } from '../../../../shared/lifecycle/emitter.ts';
import type { RecoveryHistoryEntry, RecoveryPolicy, SupervisionStatus } from '../../../../shared/model/index.ts';
import { errorsFromContract, type FieldErrors } from './policy-form.ts';

/** How many history entries the view shows (the supervisor keeps 200). */
export const HISTORY_SHOWN = 50;

export interface RecoveryViewState {
  /** The first status answer (or refusal) arrived. */
  loaded: boolean;
  status: SupervisionStatus | null;
  /** Newest first, at most HISTORY_SHOWN. */
  history: RecoveryHistoryEntry[];
  /** The host runs no supervisor (UNAVAILABLE): the view says so instead of an error. */
  unavailable: boolean;
  /** The last failed call, for the banner; cleared by dismiss. */
  error: ContractError | null;
  /** Commands in flight: `switch`, `plan:<id>`, `policy:<service>`; their buttons are disabled meanwhile. */
  busy: ReadonlySet<string>;
}

export const initialRecoveryViewState: RecoveryViewState = {
  loaded: false,
  status: null,
  history: [],
  unavailable: false,
  error: null,
  busy: new Set(),
};

/** Timers, injected so tests drive the refresh throttle. */
export interface ControllerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface RecoveryControllerOptions {
  api: AppApi;
  /**
   * After a `supervisionEvent`, status and history are re-read once this many ms later, whatever else arrives
   * meanwhile (a crash loop emits several events per attempt), ms. Default 250.
   */
  refreshThrottleMs?: number;
  /** Default: the page's timers. */
  timers?: ControllerTimers;
}

/**
 * The Recovery view's state outside React (read through `useSyncExternalStore`): loads the supervision status and
 * history, re-reads both (throttled, never two reads at once) when the supervisor reports anything, and runs the
 * view's commands. A command's answer is followed by a fresh read, so the view shows the supervisor's truth.
 */
export class RecoveryController {
  private state: RecoveryViewState = initialRecoveryViewState;
  private readonly changed = new Emitter<void>();
  private readonly timers: ControllerTimers;
  private readonly throttleMs: number;
  private timer: unknown = null;
  private reading: Promise<void> | null = null;
  private stale = false;
  private stopped = false;

  constructor(private readonly options: RecoveryControllerOptions) {
    this.throttleMs = options.refreshThrottleMs ?? 250;
    this.timers = options.timers ?? {
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
  }

  /** `useSyncExternalStore`'s subscribe: React wants the unsubscribe as a function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    const subscription = this.changed.on(listener);
    return () => subscription.dispose();
  };

  readonly getSnapshot = (): RecoveryViewState => this.state;

  /** Follows `supervisionEvent` and reads the status at once; disposing stops both (and any pending read). */
  start(): SyncDisposable {
    this.stopped = false;
    const subscription = this.options.api.on('supervisionEvent', () => this.scheduleRefresh());
    void this.refresh();
    return toDisposable(() => {
      this.stopped = true;
      subscription.dispose();
      if (this.timer !== null) this.timers.clearTimeout(this.timer);
      this.timer = null;
    });
  }

  /** Re-reads status and history; a call while a read runs makes one more read after it, not a second one at once. */
  refresh(): Promise<void> {
    if (this.reading) {
      this.stale = true;
      return this.reading;
    }
    this.reading = this.read().finally(() => {
      this.reading = null;
      if (this.stale && !this.stopped) {
        this.stale = false;
        void this.refresh();
      }
    });
    return this.reading;
  }

  readonly togglePause = (): Promise<void> =>
    this.command('switch', () =>
      this.state.status?.paused ? this.options.api.resumeSupervision({}) : this.options.api.pauseSupervision({}),
    );

  readonly cancel = (planId: string): Promise<void> =>
    this.command(`plan:${planId}`, () => this.options.api.cancelRecoveryPlan({ planId }));

  readonly approve = (planId: string): Promise<void> =>
    this.command(`plan:${planId}`, () => this.options.api.approveRecoveryPlan({ planId }));

  /** Persists a policy; answers the field errors main gave (shown next to the fields), or null when saved. */
  readonly savePolicy = async (service: string, policy: RecoveryPolicy): Promise<FieldErrors | null> => {
    let errors: FieldErrors | null = null;
    await this.command(
      `policy:${service}`,
      () => this.options.api.setRecoveryPolicy({ service, policy }),
      (error) => (errors = errorsFromContract(error)),
    );
    return errors;
  };

  readonly dismissError = (): void => this.set({ error: null });

  private scheduleRefresh(): void {
    if (this.timer !== null || this.stopped) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.refresh();
    }, this.throttleMs);
  }

  private async read(): Promise<void> {
    const { api } = this.options;
    const [status, history] = await Promise.all([api.getSupervisionStatus({}), api.getRecoveryHistory({ limit: HISTORY_SHOWN })]);
    if (this.stopped) return;
    if (!status.ok) {
      const unavailable = status.error.code === 'UNAVAILABLE';
      this.set({ loaded: true, unavailable, error: unavailable ? null : status.error });
      return;
    }
    this.set({
      loaded: true,
      unavailable: false,
      status: status.value,
      ...(history.ok ? { history: history.value } : { error: history.error }),
    });
  }

  /** Runs one command with its key marked busy; a refusal goes to `onRefused` (or the banner), then the view re-reads. */
  private async command(key: string, call: () => Promise<Result<unknown>>, onRefused?: (error: ContractError) => void): Promise<void> {
    if (this.state.busy.has(key)) return;
    this.set({ busy: new Set([...this.state.busy, key]) });
    const result = await call();
    const busy = new Set(this.state.busy);
    busy.delete(key);
    if (result.ok) this.set({ busy });
    else if (onRefused) {
      this.set({ busy });
      onRefused(result.error);
    } else this.set({ busy, error: result.error });
    if (!this.stopped) await this.refresh();
  }

  private set(patch: Partial<RecoveryViewState>): void {
    this.state = { ...this.state, ...patch };
    this.changed.emit();
  }
}
