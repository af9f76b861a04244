import type { Clock } from '../../core/ports/clock.port.ts';
import type { EngineReadPort } from '../../core/ports/engine-read.port.ts';
import type { NetworkProbePort } from '../../core/ports/network-probe.port.ts';
import type { HealthVerdict, RecoveryHealth } from '../../core/ports/recovery-health.port.ts';
import { errorMessage } from '../../../shared/error-message.ts';

/** Where a service's health is read: its current container and, when it has one, its HTTP health URL. */
export interface HealthTarget {
  containerId: string | null;
  healthUrl?: string;
}

/** Options of {@link EngineRecoveryHealth}. */
export interface EngineRecoveryHealthOptions {
  /** Pause between two looks while waiting for healthy, ms. Default 100. */
  pollMs?: number;
  /** Timeout of one engine call or HTTP probe, ms. Default 1000. */
  callTimeoutMs?: number;
}

/**
 * Recovery's health sources over the engine and the network: the container runs, its Docker HEALTHCHECK (when it
 * has one) says healthy, and its HTTP health URL (when it has one) answers 2xx. A container that exited while
 * waited for fails at once: waiting longer cannot make it healthy.
 */
export class EngineRecoveryHealth implements RecoveryHealth {
  private readonly pollMs: number;
  private readonly callTimeoutMs: number;

  constructor(
    private readonly engine: EngineReadPort,
    private readonly net: NetworkProbePort,
    private readonly clock: Clock,
    private readonly targetOf: (service: string) => HealthTarget | undefined,
    options: EngineRecoveryHealthOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 100;
    this.callTimeoutMs = options.callTimeoutMs ?? 1000;
  }

  async waitHealthy(service: string, timeoutMs: number, signal: AbortSignal, containerId?: string): Promise<HealthVerdict> {
    const deadline = this.clock.now() + timeoutMs;
    let last: Look = { final: false, verdict: { ok: false, reason: 'not checked yet' } };
    while (!signal.aborted && this.clock.now() < deadline) {
      last = await this.look(service, containerId);
      if (last.verdict.ok || last.final) return last.verdict;
      try {
        await this.clock.sleep(this.pollMs, signal);
      } catch {
        break;
      }
    }
    return last.verdict.ok ? last.verdict : { ok: false, reason: `not healthy within ${timeoutMs} ms: ${last.verdict.reason}` };
  }

  async check(service: string, _signal?: AbortSignal, containerId?: string): Promise<HealthVerdict> {
    return (await this.look(service, containerId)).verdict;
  }

  /** Looks at `containerId` when given (a twin being verified), else at the service's current container. */
  private async look(service: string, containerId?: string): Promise<Look> {
    const target = this.targetOf(service);
    const id = containerId ?? target?.containerId;
    if (!target || !id) return { final: true, verdict: { ok: false, reason: 'the service has no container' } };
    let info;
    try {
      info = await this.engine.inspectContainer(id, this.callTimeoutMs);
    } catch (error) {
      return { final: false, verdict: { ok: false, reason: errorMessage(error) } };
    }
    if (info.state === 'exited' || info.state === 'dead')
      return { final: true, verdict: { ok: false, reason: `the container ${info.state} (exit code ${info.exitCode})` } };
    if (info.state !== 'running') return { final: false, verdict: { ok: false, reason: `the container is ${info.state}` } };
    if (info.health === 'unhealthy' || info.health === 'starting')
      return { final: false, verdict: { ok: false, reason: `Docker HEALTHCHECK ${info.health}` } };
    if (target.healthUrl) {
      const probe = await this.net.httpGet(target.healthUrl, this.callTimeoutMs);
      if (!probe.ok) return { final: false, verdict: { ok: false, reason: `health probe: ${probe.error?.message ?? 'failed'}` } };
    }
    return { final: false, verdict: { ok: true } };
  }
}

interface Look {
  /** Waiting longer cannot help (the container is gone or exited). */
  final: boolean;
  verdict: HealthVerdict;
}
