import type { ContainerInfo, ProbeResult } from '../../../shared/model/index.ts';

/**
 * The container's state as a probe result, mapped from facts the engine already listed (no I/O): ok when it
 * runs and is neither restarting nor unhealthy.
 */
export function containerStateResult(container: ContainerInfo): ProbeResult {
  const detail = {
    state: container.state,
    status: container.status,
    exitCode: container.exitCode,
    restartCount: container.restartCount,
    health: container.health,
  };
  const base = { kind: 'container' as const, target: container.name, from: 'engine', latencyMs: 0, detail };
  if (container.state === 'running' && container.health !== 'unhealthy') return { ...base, ok: true };
  const code =
    container.state === 'running'
      ? 'UNHEALTHY'
      : container.state === 'exited'
        ? `EXITED_${container.exitCode}`
        : container.state.toUpperCase();
  return { ...base, ok: false, error: { code, message: container.status || container.state } };
}
