import type { ContainerInfo, EngineReport } from '../../../shared/model/index.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { EngineReadPort, EngineVersion, NetworkInfo } from '../ports/engine-read.port.ts';
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

/**
 * Engine version, containers and networks, asked at once: the version used to gate the listing, which cost
 * its round trip (the slowest of the three on dockerd, ~7 ms quiet) before anything else could start. Each
 * call is bounded by `timeoutMs` (the listing's inspects each by `timeoutMs`, the whole listing by a budget
 * that grows with the containers it inspects: see EngineReadPort.listContainers). Failures are values; when
 * several calls fail, the version's error is reported, as when it was asked first.
 */
export async function checkEngine(engine: EngineReadPort, timeoutMs: number, clock: Clock): Promise<EngineCheck> {
  const { endpoint, context } = engine.endpoint;
  const started = clock.now();
  const base = { endpoint, ...(context ? { context } : {}) };
  const probeBase = { kind: 'engine' as const, target: endpoint, from: 'host' };
  const [version, containers, networks] = await Promise.allSettled([
    engine.version(timeoutMs),
    engine.listContainers(timeoutMs),
    engine.listNetworks(timeoutMs),
  ]);
  const latencyMs = Math.max(0, clock.now() - started);
  if (version.status === 'fulfilled' && containers.status === 'fulfilled' && networks.status === 'fulfilled') {
    const v: EngineVersion = version.value;
    const probe = {
      ...probeBase,
      ok: true,
      latencyMs,
      detail: { version: v.version, apiVersion: v.apiVersion, containers: containers.value.length },
    };
    return { report: { ...base, ok: true, version: v.version, probe }, containers: containers.value, networks: networks.value };
  }
  const failed = [version, containers, networks].find((outcome) => outcome.status === 'rejected');
  const probe = { ...probeBase, ok: false, latencyMs, error: errorOf(failed?.reason) };
  return { report: { ...base, ok: false, probe }, containers: null, networks: [] };
}
