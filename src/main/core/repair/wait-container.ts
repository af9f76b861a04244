import type { ContainerInfo } from '../../../shared/model/index.ts';
import { cancelled, engineFailure, failed, type StepContext, type StepResult } from './step-context.ts';

/**
 * Waits until the container runs and, with a HEALTHCHECK, reports healthy; without one, until it still runs
 * `settleMs` after the wait began. Fails when it exits, reports unhealthy, or the wait outlives `healthTimeoutMs`.
 * The wait counts as the engine's time: it is the container's own start.
 */
export async function waitUp(context: StepContext, containerId: string): Promise<StepResult> {
  const { clock, engine } = context.ports;
  const { healthTimeoutMs, pollMs, settleMs, callTimeoutMs } = context.timings;
  return context.engine(async () => {
    const started = clock.now();
    let last: ContainerInfo | undefined;
    for (;;) {
      try {
        last = await engine.inspectContainer(containerId, callTimeoutMs);
      } catch (error) {
        return engineFailure('inspect after start', error);
      }
      const verdict = judge(last, clock.now() - started >= settleMs);
      if (verdict) return verdict;
      if (context.cancelled) return cancelled(`${last.name} was started and is ${describe(last)}`);
      if (clock.now() - started >= healthTimeoutMs) {
        return failed('TIMEOUT', `${last.name} is ${describe(last)} after ${healthTimeoutMs} ms`);
      }
      await clock.sleep(pollMs);
    }
  });
}

/** Done (ok or not) when the state decides; undefined while it may still change. */
function judge(info: ContainerInfo, settled: boolean): StepResult | undefined {
  if (info.state === 'exited' || info.state === 'dead') {
    return failed('EXITED', `${info.name} exited with code ${info.exitCode} right after its start; its logs say why`);
  }
  if (info.state !== 'running') return undefined;
  if (info.health === 'healthy') return { ok: true, detail: `${info.name} is running, healthy` };
  if (info.health === 'unhealthy') {
    return failed('UNHEALTHY', `${info.name} runs but its HEALTHCHECK fails${info.healthLog ? `: ${info.healthLog}` : ''}`);
  }
  if (info.health === 'none' && settled) return { ok: true, detail: `${info.name} is running` };
  return undefined;
}

function describe(info: ContainerInfo): string {
  return info.health === 'none' ? info.state : `${info.state}, ${info.health}`;
}
