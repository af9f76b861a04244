import type { ProbeError } from '../../../shared/model/index.ts';
import { EngineError } from '../ports/engine-error.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { EngineControlPort } from '../ports/engine-control.port.ts';
import type { EngineReadPort } from '../ports/engine-read.port.ts';
import type { BreakerResetPort } from '../ports/repair-breaker.port.ts';
import type { ComposePort } from '../ports/repair-compose.port.ts';
import type { SettingsPort } from '../ports/settings.port.ts';
import { errorMessage } from '../../../shared/error-message.ts';

/** Timeouts and pacing of step execution, ms. */
export interface StepTimings {
  /** Per engine call. Default 30 000. */
  callTimeoutMs: number;
  /** How long a started or restarted container may take to run (and be healthy, with a HEALTHCHECK). Default 60 000. */
  healthTimeoutMs: number;
  /** Pause between inspections while waiting. Default 250. */
  pollMs: number;
  /**
   * A container without a HEALTHCHECK counts as up once it still runs this long after its start: one that dies at
   * once fails the step instead of passing it. Default 500.
   */
  settleMs: number;
  /** Budget of the in-container lookup that verifies a network connect, retries included. Default 5 000. */
  lookupTimeoutMs: number;
  /** `docker compose up` may take this long (an image build or pull). Default 300 000. */
  composeTimeoutMs: number;
}

export const DEFAULT_STEP_TIMINGS: StepTimings = {
  callTimeoutMs: 30_000,
  healthTimeoutMs: 60_000,
  pollMs: 250,
  settleMs: 500,
  lookupTimeoutMs: 5_000,
  composeTimeoutMs: 300_000,
};

/** The ports a step acts through. */
export interface StepPorts {
  engine: EngineReadPort & EngineControlPort;
  compose: ComposePort;
  settings: SettingsPort;
  breakers?: BreakerResetPort;
  clock: Clock;
}

/** What one step reported: done and verified, or why not. */
export type StepResult = { ok: true; detail: string } | { ok: false; detail: string; error: ProbeError };

/** Everything a step runner gets: the ports, the timings, and a meter for the time spent waiting on them. */
export class StepContext {
  /** Time inside port calls and waits for containers since the last {@link takeEngineMs}, ms. */
  private engineMs = 0;

  constructor(
    readonly ports: StepPorts,
    readonly timings: StepTimings,
    /** The run's cancellation: waits (a container coming up, a lookup, the compose CLI) stop early on it. */
    readonly signal?: AbortSignal,
  ) {}

  get cancelled(): boolean {
    return this.signal?.aborted === true;
  }

  /** Runs `call` and counts its time as the engine's (or compose's, or the settings store's). */
  async engine<T>(call: () => Promise<T> | T): Promise<T> {
    const started = this.ports.clock.now();
    try {
      return await call();
    } finally {
      this.engineMs += Math.max(0, this.ports.clock.now() - started);
    }
  }

  /** The engine time counted so far, and a fresh count for the next step. */
  takeEngineMs(): number {
    const spent = this.engineMs;
    this.engineMs = 0;
    return spent;
  }
}

/** A step whose wait the user cut short: what was done stays done (a started container is not stopped again). */
export function cancelled(what: string): StepResult {
  return failed('CANCELLED', `${what}; the repair was cancelled before it was verified`);
}

export function failed(code: string, detail: string): StepResult {
  return { ok: false, detail, error: { code, message: detail } };
}

/** An engine call's rejection as a failed step: `NOT_FOUND`, `CONFLICT`, `ENGINE_UNREACHABLE`… */
export function engineFailure(what: string, error: unknown): StepResult {
  const code = error instanceof EngineError ? error.code : 'ENGINE_ERROR';
  return failed(code, `${what}: ${errorMessage(error)}`);
}
