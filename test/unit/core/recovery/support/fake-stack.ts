import type { RecoverySnapshot } from '../../../../../src/shared/model/recovery.ts';
import type {
  RecoveryActionOutcome,
  RecoveryActions,
  RecoveryTarget,
  RecreateOutcome,
  RecreatePair,
} from '../../../../../src/main/core/ports/recovery-actions.port.ts';
import type { HealthVerdict, RecoveryHealth } from '../../../../../src/main/core/ports/recovery-health.port.ts';
import type { RecoveryStore } from '../../../../../src/main/core/ports/recovery-store.port.ts';
import type { ServiceObservation } from '../../../../../src/main/core/recovery/service-observation.ts';
import type { SettlingClock } from './settling-clock.ts';

/** How a fake container behaves each time it starts. */
export type Behaviour =
  | 'healthy' // up, healthy after healthyAfterMs
  | 'crashing' // dies crashAfterMs after every start
  | 'unhealthy' // runs, never healthy
  | 'refuses-start'; // the engine refuses to start it

export interface FakeService {
  behaviour: Behaviour;
  running: boolean;
  containerId: string;
  /** Starts by anyone (the user, Docker, Stack Doctor). */
  starts: number;
  startTimes: number[];
  /** Bumped at every start, so a crash timer of an earlier run does nothing. */
  generation: number;
}

/**
 * A small stack of fake containers behind the recovery ports, on the FakeClock: actions change the containers and
 * report what happened as observations, the way the engine-event watcher will; health answers from the behaviour.
 */
export class FakeStack implements RecoveryActions, RecoveryHealth {
  readonly services = new Map<string, FakeService>();
  readonly calls: string[] = [];
  /** Where observations go (the engine's `observe`). */
  sink: (obs: ServiceObservation) => void = () => undefined;
  healthyAfterMs = 500;
  crashAfterMs = 200;
  /** Outcome of the next recreate: the twin healthy, the twin unhealthy, or a failure before the twin ran. */
  recreateTwin: 'healthy' | 'unhealthy' | 'create-fails' = 'healthy';
  private ids = 0;

  constructor(private readonly clock: SettlingClock) {}

  add(name: string, behaviour: Behaviour = 'healthy'): FakeService {
    const service: FakeService = {
      behaviour,
      running: false,
      containerId: `${name}-c${this.ids++}`,
      starts: 0,
      startTimes: [],
      generation: 0,
    };
    this.services.set(name, service);
    return service;
  }

  get(name: string): FakeService {
    const s = this.services.get(name);
    if (!s) throw new Error(`no fake service ${name}`);
    return s;
  }

  /** Starts the container as the user or Docker would (not through the ports). */
  boot(name: string): void {
    const s = this.get(name);
    s.running = true;
    s.starts++;
    s.startTimes.push(this.clock.now());
    const generation = ++s.generation;
    this.sink({ kind: 'container-started', service: name, containerId: s.containerId });
    if (s.behaviour === 'crashing')
      this.clock.setTimeout(() => {
        if (s.running && s.generation === generation) this.die(name, 1);
      }, this.crashAfterMs);
  }

  die(name: string, exitCode: number, oom = false): void {
    const s = this.get(name);
    if (!s.running) return;
    s.running = false;
    this.sink({ kind: 'container-died', service: name, exitCode, oom });
  }

  /** A `docker stop` by the user: kill event, die. */
  userStop(name: string): void {
    this.sink({ kind: 'stop-requested', service: name, signal: 'kill', bySelf: false });
    this.die(name, 143);
  }

  async start(target: RecoveryTarget, signal: AbortSignal): Promise<RecoveryActionOutcome> {
    this.calls.push(`start ${target.service}`);
    return this.startNow(target, signal);
  }

  /** Takes 50 ms; an abort within them leaves the container stopped, as an aborted engine request would. */
  private async startNow(target: RecoveryTarget, signal: AbortSignal): Promise<RecoveryActionOutcome> {
    await this.clock.sleep(50);
    if (signal.aborted) return { ok: false, error: { code: 'ABORTED', message: 'aborted' } };
    if (this.get(target.service).behaviour === 'refuses-start') return { ok: false, error: { code: 'ENGINE', message: 'no such image' } };
    this.boot(target.service);
    return { ok: true };
  }

  async restart(target: RecoveryTarget, stopTimeoutSec: number, signal: AbortSignal): Promise<RecoveryActionOutcome> {
    this.calls.push(`restart ${target.service} ${stopTimeoutSec}`);
    if (this.get(target.service).running) {
      this.sink({ kind: 'stop-requested', service: target.service, signal: 'stop', bySelf: true });
      this.die(target.service, 0);
    }
    return this.startNow(target, signal);
  }

  async recreateWithEnv(target: RecoveryTarget, env: Readonly<Record<string, string>>): Promise<RecreateOutcome> {
    this.calls.push(`recreate ${target.service} ${Object.keys(env).join(',')}`);
    await this.clock.sleep(50);
    const s = this.get(target.service);
    const oldId = s.containerId;
    if (this.recreateTwin === 'create-fails')
      return { ok: false, step: 'create-twin', rolledBack: true, error: { code: 'ENGINE', message: 'name conflict' } };
    s.running = false;
    this.sink({ kind: 'container-died', service: target.service, exitCode: 0, oom: false });
    s.containerId = `${target.service}-c${this.ids++}`;
    if (this.recreateTwin === 'unhealthy') s.behaviour = 'unhealthy';
    this.boot(target.service);
    return { ok: true, oldId, twinId: s.containerId };
  }

  async commitRecreate(pair: RecreatePair): Promise<RecoveryActionOutcome> {
    this.calls.push(`commit ${pair.service} remove ${pair.oldId}`);
    return { ok: true };
  }

  async rollbackRecreate(pair: RecreatePair): Promise<RecoveryActionOutcome> {
    this.calls.push(`rollback ${pair.service} to ${pair.oldId}`);
    const s = this.get(pair.service);
    s.running = false;
    s.containerId = pair.oldId;
    s.behaviour = 'healthy';
    this.boot(pair.service);
    return { ok: true };
  }

  /** Healthy after healthyAfterMs of running; a crashing or unhealthy one never answers healthy (the deadline decides). */
  async waitHealthy(service: string, _timeoutMs: number, signal: AbortSignal): Promise<HealthVerdict> {
    const s = this.get(service);
    if (s.behaviour !== 'healthy')
      return new Promise((resolve) => signal.addEventListener('abort', () => resolve({ ok: false, reason: 'aborted' })));
    await this.clock.sleep(this.healthyAfterMs, signal);
    return s.running ? { ok: true } : { ok: false, reason: 'not running' };
  }

  async check(service: string): Promise<HealthVerdict> {
    const s = this.get(service);
    return s.running && s.behaviour === 'healthy' ? { ok: true } : { ok: false, reason: `${service} is not healthy` };
  }

  /** How many actions of `kind` Stack Doctor took on `service`. */
  actionCalls(kind: string, service: string): number {
    return this.calls.filter((c) => c.startsWith(`${kind} ${service}`)).length;
  }
}

/** The store port in memory: what it keeps went through JSON, as a file would. */
export class MemoryStore implements RecoveryStore {
  saves = 0;
  stored: unknown = undefined;

  async load(): Promise<unknown> {
    return this.stored === undefined ? undefined : JSON.parse(JSON.stringify(this.stored));
  }

  async save(snapshot: RecoverySnapshot): Promise<void> {
    this.saves++;
    this.stored = JSON.parse(JSON.stringify(snapshot));
  }

  get last(): RecoverySnapshot {
    return this.stored as RecoverySnapshot;
  }
}
