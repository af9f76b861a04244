import type { ContainerInfo, EngineReport } from '../../../shared/model/index.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { EngineReadPort, NetworkInfo } from '../ports/engine-read.port.ts';
import { errorMessage } from '../../../shared/error-message.ts';

export interface EngineCheck {
  report: EngineReport;
  /** Null when the engine could not be asked: discovery then works from files only. */
  containers: ContainerInfo[] | null;
  networks: NetworkInfo[];
}

function errorOf(error: unknown): { code: string; message: string } {
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : 'ENGINE_ERROR';
  return { code, message: errorMessage(error) };
}

/** Engine version (bounded by timeoutMs), then containers and networks concurrently; failures are values. */
export async function checkEngine(engine: EngineReadPort, timeoutMs: number, clock: Clock): Promise<EngineCheck> {
  const { endpoint, context } = engine.endpoint;
  const started = clock.now();
  const base = { endpoint, ...(context ? { context } : {}) };
  const probeBase = { kind: 'engine' as const, target: endpoint, from: 'host' };
  try {
    const version = await engine.version(timeoutMs);
    const [containers, networks] = await Promise.all([engine.listContainers(timeoutMs), engine.listNetworks(timeoutMs)]);
    const probe = {
      ...probeBase,
      ok: true,
      latencyMs: Math.max(0, clock.now() - started),
      detail: { version: version.version, apiVersion: version.apiVersion, containers: containers.length },
    };
    return { report: { ...base, ok: true, version: version.version, probe }, containers, networks };
  } catch (error) {
    const probe = { ...probeBase, ok: false, latencyMs: Math.max(0, clock.now() - started), error: errorOf(error) };
    return { report: { ...base, ok: false, probe }, containers: null, networks: [] };
  }
}
