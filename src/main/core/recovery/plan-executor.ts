import { errorMessage } from '../../../shared/error-message.ts';
import { freshSources } from './health-evaluation.ts';
import { downDependencies, type EngineCore } from './engine-core.ts';
import { runPlan, type PlanOutcome, type PlanRunnerDeps } from './plan-runner.ts';
import { handleFailure, handleUp } from './recovery-decisions.ts';
import type { RecoveryPlan } from './recovery-plan.ts';

/**
 * Runs due plans, at most `parallelism` at once, in the queue's order. When a plan comes due it is refused if the
 * stack changed under it (and re-planned under the current fingerprint), or held back while a dependency is down.
 */
export class PlanExecutor {
  private active = 0;
  private readonly runs = new Set<Promise<void>>();

  constructor(
    private readonly core: EngineCore,
    private readonly deps: PlanRunnerDeps,
    private readonly parallelism: number,
  ) {}

  pump(): void {
    while (this.core.running && this.active < this.parallelism) {
      const plan = this.core.queue.takeNext();
      if (!plan) return;
      this.begin(plan);
    }
  }

  /** Cancels a live plan; one that is running is aborted (its run ends quietly). */
  cancel(plan: RecoveryPlan, reason: string): void {
    if (plan.state === 'IN_PROGRESS') plan.abort?.abort(`cancelled: ${reason}`);
    this.core.book.move(plan, 'CANCELLED', reason);
    this.core.changed(plan.service);
  }

  /** Aborts the running plan of a service whose verification already failed (it died while being verified). */
  abort(service: string, reason: string): void {
    const plan = this.core.book.of(service);
    if (plan?.state === 'IN_PROGRESS') plan.abort?.abort(reason);
  }

  /** Resolves when no plan is running. */
  async idle(): Promise<void> {
    while (this.runs.size > 0) await Promise.allSettled([...this.runs]);
  }

  private begin(plan: RecoveryPlan): void {
    const { core } = this;
    const m = core.machine(plan.service);
    if (!m) return this.cancel(plan, 'the service left the stack');
    if (plan.fingerprint !== core.fingerprint()) {
      this.cancel(plan, 'refused: the stack changed since this plan was made');
      const { service, action, priority, attempt, maxAttempts, counted } = plan;
      const replanned = core.book.open({
        ...{ service, action, priority, attempt, maxAttempts, counted },
        delayMs: 0,
        reason: 're-planned: the stack changed',
        fingerprint: core.fingerprint(),
        state: 'SCHEDULED',
      });
      return core.queue.add(replanned);
    }
    const down = downDependencies(core, plan.service);
    if (down.length > 0) {
      this.cancel(plan, `held back: waiting for ${down.join(', ')}`);
      m.waitFor(down, core.clock.now());
      return core.changed(plan.service);
    }
    plan.abort = new AbortController();
    core.book.move(plan, 'IN_PROGRESS', `attempt ${plan.attempt} of ${plan.maxAttempts}: ${plan.action.kind}`);
    m.planStarted(core.clock.now(), plan.attempt, plan.counted);
    core.changed(plan.service);
    this.active++;
    const run = runPlan(this.deps, {
      target: { service: plan.service, containerId: m.containerId },
      action: plan.action,
      healthTimeoutMs: core.policy(plan.service).healthTimeoutMs,
      signal: plan.abort.signal,
      onPhase: (phase) => {
        plan.phase = phase;
      },
    })
      .catch((error: unknown): PlanOutcome => ({ ok: false, reason: errorMessage(error) }))
      .then((outcome) => this.finish(plan, outcome))
      .finally(() => {
        this.active--;
        this.runs.delete(run);
        this.pump();
      });
    this.runs.add(run);
  }

  private finish(plan: RecoveryPlan, outcome: PlanOutcome): void {
    const { core } = this;
    const m = core.machine(plan.service);
    if (plan.state !== 'IN_PROGRESS' || !m || core.disposed) return; // cancelled while it ran, or the engine stopped
    const now = core.clock.now();
    if (outcome.ok) {
      core.book.move(plan, 'SUCCEEDED', outcome.reason);
      if (outcome.containerId) m.containerId = outcome.containerId;
      m.planSucceeded(now, `recovered: ${outcome.reason}`);
      if (plan.counted && plan.attempt > 1)
        core.notify(plan.service, 'recovered-after-failure', `${plan.service} recovered at attempt ${plan.attempt}: ${outcome.reason}`);
      return handleUp(core, m, 'recovering', () => undefined);
    }
    core.book.move(plan, 'FAILED', outcome.reason);
    if (!plan.counted && outcome.rolledBack) {
      // A requested recreate that rolled back leaves the old container running: watch it as freshly started.
      m.sources = freshSources(now);
      m.enter('starting', now, `recreate rolled back: ${outcome.reason}`);
      return core.changed(plan.service);
    }
    handleFailure(core, m, { reason: `attempt ${plan.attempt} failed: ${outcome.reason}`, immediate: false });
  }
}
