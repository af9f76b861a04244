import type { ServiceState } from '../../../shared/model/recovery.ts';
import { evaluateHealth, freshSources, nextHealthDeadline, type HealthSources } from './health-evaluation.ts';
import type { ServiceObservation } from './service-observation.ts';
import type { MachineContext, MachineVerdict, PlanActivity, ServiceTransition } from './service-machine.types.ts';

const live: ReadonlySet<ServiceState> = new Set(['starting', 'healthy', 'degraded']);
const up: ReadonlySet<ServiceState> = new Set(['healthy', 'degraded']);
const running = (plan: PlanActivity): boolean => plan === 'acting' || plan === 'verifying';

/**
 * One supervised service: folds observations into a state with the time it was entered, and says when recovery is
 * wanted. It decides nothing about delays or attempts (backoff.policy.ts) and does no I/O; the engine drives the
 * recovery states (recovering, crash-looping, given-up, awaiting-manual) through the methods at the end.
 */
export class ServiceMachine {
  state: ServiceState = 'starting';
  sinceMs: number;
  reason = 'not observed yet';
  /** False until the first observation: an unobserved dependency does not hold its dependents back. */
  observed = false;
  sources: HealthSources = freshSources(undefined);
  containerId: string | null = null;
  attempts = 0;
  lastAttemptMs: number | undefined;
  healthySinceMs: number | undefined;
  degradedSinceMs: number | undefined;
  /** Dependencies (stack services or external ones) this service waits for before it is recovered. */
  waitingFor: string[] = [];
  readonly externalDown = new Set<string>();
  private dependenciesBackMs: number | undefined;
  private userStopPending = false;
  private shuttingDown = false;

  constructor(
    readonly service: string,
    now: number,
    private readonly onTransition: (transition: ServiceTransition) => void,
  ) {
    this.sinceMs = now;
  }

  get isUp(): boolean {
    return up.has(this.state);
  }

  /** Starting, healthy or degraded: watched, and not failed, stopped or under recovery. */
  get isLive(): boolean {
    return live.has(this.state);
  }

  observe(obs: ServiceObservation, ctx: MachineContext): MachineVerdict {
    this.observed = true;
    const { now } = ctx;
    switch (obs.kind) {
      case 'container-started': {
        this.containerId = obs.containerId ?? this.containerId;
        this.sources = freshSources(now);
        this.userStopPending = false;
        this.shuttingDown = false;
        if (running(ctx.plan)) return undefined;
        // A human started it: whatever recovery had given up on starts over.
        if (this.state === 'stopped-by-user' || this.state === 'given-up' || this.state === 'awaiting-manual') this.attempts = 0;
        this.enter('starting', now, 'container started');
        return ctx.plan === 'queued' ? { kind: 'cancel-plan', reason: 'the container was started outside Stack Doctor' } : undefined;
      }
      case 'container-died':
        return this.died(obs.exitCode, obs.oom, ctx);
      case 'stop-requested':
        if (obs.bySelf || running(ctx.plan)) return undefined;
        this.userStopPending = true;
        return { kind: 'cancel-plan', reason: `the user sent ${obs.signal}` };
      case 'health-probe':
        this.sources.probe = obs.result;
        this.sources.probeFailures = obs.result === 'failed' ? this.sources.probeFailures + 1 : 0;
        break;
      case 'docker-health':
        this.sources.dockerHealth = obs.status;
        break;
      case 'heartbeat':
        if (obs.status === 'shutting_down') {
          this.shuttingDown = true;
          return { kind: 'cancel-plan', reason: 'the service announced it is shutting down' };
        }
        this.sources.heartbeat = obs.status;
        break;
      case 'readiness':
        this.sources.ready = obs.ready;
        if (obs.ready) this.sources.everReady = true;
        break;
      case 'dependency':
        if (obs.up) this.externalDown.delete(obs.dependency);
        else this.externalDown.add(obs.dependency);
        return { kind: 'dependency-changed', dependency: obs.dependency, up: obs.up };
      case 'breaker-open':
        if (!live.has(this.state) || ctx.plan !== 'none') return undefined;
        return { kind: 'check-health', reason: `circuit breaker opened${obs.target ? ` for ${obs.target}` : ''}` };
    }
    return this.evaluate(ctx);
  }

  /** Re-evaluates what time alone changes: grace and stability windows, the reset window, the dependents' settle. */
  tick(ctx: MachineContext): MachineVerdict {
    const { now } = ctx;
    if (this.dependenciesBackMs !== undefined && now >= this.dependenciesBackMs + ctx.settleMs) {
      this.dependenciesBackMs = undefined;
      if (this.state === 'unavailable' && this.waitingFor.length === 0 && ctx.plan === 'none')
        return {
          kind: 'failure',
          cause: 'dependency-recovered',
          reason: 'its dependencies are back but it did not recover',
          stableRun: true,
        };
    }
    return this.evaluate(ctx);
  }

  /** When `tick` should run next, if ever. */
  nextWakeMs(ctx: MachineContext): number | undefined {
    const { now, policy } = ctx;
    const at: (number | undefined)[] = [this.dependenciesBackMs === undefined ? undefined : this.dependenciesBackMs + ctx.settleMs];
    if (live.has(this.state) && ctx.plan === 'none' && !this.shuttingDown) {
      // Only a starting service waits on the stability and start-grace windows; once healthy they are over.
      if (this.state === 'starting') at.push(nextHealthDeadline(this.sources, now, policy));
      if (this.state === 'degraded' && this.degradedSinceMs !== undefined) at.push(this.degradedSinceMs + policy.degradedGraceMs);
      if (this.state === 'healthy' && this.attempts > 0 && this.healthySinceMs !== undefined)
        at.push(this.healthySinceMs + policy.resetAfterMs);
    }
    const future = at.filter((t): t is number => t !== undefined && t > now);
    return future.length > 0 ? Math.min(...future) : undefined;
  }

  private died(exitCode: number, oom: boolean, ctx: MachineContext): MachineVerdict {
    const { now, policy } = ctx;
    const upSince = this.sources.upSinceMs;
    this.sources = freshSources(undefined);
    const what = oom ? 'killed for lack of memory (OOM)' : `exited with code ${exitCode}`;
    if (ctx.plan === 'acting') return undefined; // our own restart stopping it
    if (ctx.plan === 'verifying') return { kind: 'verification-failed', reason: `died while being verified: ${what}` };
    if (this.userStopPending) {
      this.userStopPending = false;
      this.enter('stopped-by-user', now, 'stopped by the user');
      return { kind: 'cancel-plan', reason: 'stopped by the user' };
    }
    if (this.shuttingDown) {
      this.enter('unavailable', now, 'shut down on its own (heartbeat shutting_down): left alone');
      return { kind: 'cancel-plan', reason: 'the service shut itself down' };
    }
    if (!live.has(this.state)) return undefined; // already stopped, failed or being recovered
    this.enter('unavailable', now, `crashed: ${what}`);
    const stableRun = upSince !== undefined && now - upSince >= policy.stableAfterMs;
    return { kind: 'failure', cause: 'crash', reason: `crashed: ${what}`, stableRun };
  }

  private evaluate(ctx: MachineContext): MachineVerdict {
    const { now, policy } = ctx;
    if (this.shuttingDown || running(ctx.plan) || this.sources.upSinceMs === undefined || this.state === 'stopped-by-user')
      return undefined;
    const health = evaluateHealth(this.sources, now, policy);
    if (!live.has(this.state)) {
      if (health.level !== 'healthy') return undefined;
      const previous = this.state;
      this.becomeHealthy(now, 'recovered by itself');
      return { kind: 'up', previous };
    }
    const stableRun = now - this.sources.upSinceMs >= policy.stableAfterMs;
    switch (health.level) {
      case 'failed':
        this.enter('unavailable', now, health.reason);
        return { kind: 'failure', cause: health.cause, reason: health.reason, stableRun };
      case 'degraded':
        if (this.state !== 'degraded') {
          this.degradedSinceMs = now;
          this.healthySinceMs = undefined;
          this.enter('degraded', now, health.reason);
        }
        if (now - (this.degradedSinceMs ?? now) < policy.degradedGraceMs) return undefined;
        this.enter('unavailable', now, `degraded for ${Math.round(policy.degradedGraceMs / 1000)} s`);
        return { kind: 'failure', cause: 'degraded', reason: this.reason, stableRun };
      case 'healthy': {
        const previous = this.state;
        if (previous !== 'healthy') this.becomeHealthy(now, health.reason);
        if (this.attempts > 0 && this.healthySinceMs !== undefined && now - this.healthySinceMs >= policy.resetAfterMs) this.attempts = 0;
        return up.has(previous) ? undefined : { kind: 'up', previous };
      }
      case 'starting':
        return undefined;
    }
  }

  private becomeHealthy(now: number, reason: string): void {
    this.sources.everHealthy = true;
    this.healthySinceMs = now;
    this.degradedSinceMs = undefined;
    this.waitingFor = [];
    this.dependenciesBackMs = undefined;
    this.enter('healthy', now, reason);
  }

  /** Sets the state; a transition is reported when the state changes (a new reason alone is kept quietly). */
  enter(state: ServiceState, now: number, reason: string): void {
    const previous = this.state;
    this.reason = reason;
    if (previous === state) return;
    this.state = state;
    this.sinceMs = now;
    this.onTransition({ service: this.service, state, previous, reason, atMs: now });
  }

  // The engine's side: what it decided about this service.

  waitFor(dependencies: string[], now: number): void {
    this.waitingFor = dependencies;
    this.dependenciesBackMs = undefined;
    this.enter('unavailable', now, `waiting for ${dependencies.join(', ')}`);
  }

  /** Its dependencies are all back: it gets `settleMs` to recover by itself before it is restarted. */
  dependenciesBack(now: number): void {
    this.waitingFor = [];
    this.dependenciesBackMs = now;
  }

  planStarted(now: number, attempt: number, counted: boolean): void {
    if (counted) this.attempts = attempt;
    this.lastAttemptMs = now;
    this.enter('recovering', now, `recovery attempt ${attempt} in progress`);
  }

  planSucceeded(now: number, reason: string): void {
    this.sources.upSinceMs ??= now;
    this.becomeHealthy(now, reason);
  }
}
