import { randomBytes } from 'node:crypto';
import type { EngineControlPort } from '../../core/ports/engine-control.port.ts';
import type { EngineReadPort } from '../../core/ports/engine-read.port.ts';
import { EngineError } from '../../core/ports/engine-error.ts';
import type {
  RecoveryActionError,
  RecoveryActionOutcome,
  RecoveryActions,
  RecoveryTarget,
  RecreateOutcome,
  RecreatePair,
} from '../../core/ports/recovery-actions.port.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import type { SelfActionLedger } from './self-action-ledger.ts';

/** Label a twin carries: the container it was made from (so a later look can tell a twin from a user's container). */
const TWIN_OF_LABEL = 'stack-doctor.twin-of';

function failure(error: unknown): RecoveryActionError {
  if (error instanceof EngineError) return { code: error.code, message: error.message };
  return { code: 'ENGINE_ERROR', message: errorMessage(error) };
}

async function attempt(run: () => Promise<unknown>): Promise<RecoveryActionOutcome> {
  try {
    await run();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: failure(error) };
  }
}

const noContainerError: RecoveryActionError = { code: 'NO_CONTAINER', message: 'the service has no container' };
const noContainer: RecoveryActionOutcome = { ok: false, error: noContainerError };

/**
 * Recovery's actions over the engine control port. Every stop or kill it issues is written in the ledger first, so
 * the watcher reads the resulting `stop`/`kill`/`die` events as Stack Doctor's, not the user's. Expected failures
 * (container gone, engine away) come back as values.
 */
export class EngineRecoveryActions implements RecoveryActions {
  constructor(
    private readonly control: EngineControlPort & Pick<EngineReadPort, 'inspectContainer'>,
    private readonly ledger: SelfActionLedger,
  ) {}

  start(target: RecoveryTarget): Promise<RecoveryActionOutcome> {
    const id = target.containerId;
    return id === null ? Promise.resolve(noContainer) : attempt(() => this.control.start(id));
  }

  restart(target: RecoveryTarget, stopTimeoutSec: number): Promise<RecoveryActionOutcome> {
    const id = target.containerId;
    if (id === null) return Promise.resolve(noContainer);
    return this.own(id, () => this.control.restart(id, { graceSeconds: stopTimeoutSec, timeoutMs: 30_000 + stopTimeoutSec * 1000 }));
  }

  async recreateWithEnv(target: RecoveryTarget, env: Readonly<Record<string, string>>, signal: AbortSignal): Promise<RecreateOutcome> {
    const oldId = target.containerId;
    if (oldId === null) return { ok: false, step: 'inspect', rolledBack: true, error: noContainerError };
    let spec;
    try {
      spec = await this.control.inspectSpec(oldId);
    } catch (error) {
      return { ok: false, step: 'inspect', rolledBack: true, error: failure(error) };
    }
    // The twin keeps the old one's labels (compose's among them), so it is the same service to the watcher.
    const twinSpec = {
      ...spec,
      name: `${spec.name}-sd-${randomBytes(3).toString('hex')}`,
      env: { ...spec.env, ...env },
      labels: { ...spec.labels, [TWIN_OF_LABEL]: oldId },
    };
    let twinId: string;
    try {
      twinId = await this.control.createContainer(twinSpec);
    } catch (error) {
      return { ok: false, step: 'create-twin', rolledBack: true, error: failure(error) };
    }
    if (signal.aborted) {
      // Given up on before the old one was touched: only the twin to remove.
      const removed = await attempt(() => this.control.removeContainer(twinId, { force: true }));
      return { ok: false, step: 'create-twin', rolledBack: removed.ok, error: aborted(signal) };
    }
    const stopped = await this.own(oldId, () => this.control.stop(oldId, { timeoutMs: 40_000 }));
    if (!stopped.ok || signal.aborted) {
      const rolledBack = await this.rollbackRecreate({ service: target.service, oldId, twinId });
      return { ok: false, step: 'stop-old', rolledBack: rolledBack.ok, error: stopped.ok ? aborted(signal) : stopped.error };
    }
    const started = await attempt(() => this.control.start(twinId));
    if (!started.ok) {
      const rolledBack = await this.rollbackRecreate({ service: target.service, oldId, twinId });
      return { ok: false, step: 'start-twin', rolledBack: rolledBack.ok, error: started.error };
    }
    return { ok: true, oldId, twinId };
  }

  commitRecreate(pair: RecreatePair): Promise<RecoveryActionOutcome> {
    return attempt(() => this.control.removeContainer(pair.oldId, { force: true }));
  }

  async rollbackRecreate(pair: RecreatePair): Promise<RecoveryActionOutcome> {
    const removed = await this.own(pair.twinId, () => this.control.removeContainer(pair.twinId, { force: true }));
    const started = await attempt(() => this.control.start(pair.oldId));
    if (!started.ok) return started;
    return removed.ok || removed.error.code === 'NOT_FOUND' ? { ok: true } : removed;
  }

  /**
   * Runs a stop/kill/restart with the container marked as ours for its duration (and a little after). A container
   * that is not running gives no `die` to expect: left expected, it would swallow the next crash's.
   */
  private async own(containerId: string, run: () => Promise<unknown>): Promise<RecoveryActionOutcome> {
    this.ledger.begin(containerId, await this.running(containerId));
    try {
      return await attempt(run);
    } finally {
      this.ledger.end(containerId);
    }
  }

  /** Whether the container runs now; when the engine cannot say, it is assumed to (its die is then expected). */
  private async running(containerId: string): Promise<boolean> {
    try {
      const info = await this.control.inspectContainer(containerId, 2000);
      return info.state === 'running' || info.state === 'restarting' || info.state === 'paused';
    } catch {
      return true;
    }
  }
}

function aborted(signal: AbortSignal): RecoveryActionError {
  return { code: 'ABORTED', message: `aborted: ${String(signal.reason ?? 'the plan was cancelled')}` };
}
