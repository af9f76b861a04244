import type Docker from 'dockerode';
import pLimit from 'p-limit';
import type { ContainerInfo } from '../../../shared/model/index.ts';
import { toContainerInfo } from './container-info.mapper.ts';
import type { ContainerInspectJson, NetworkFacts } from './container-info.mapper.ts';
import type { EngineConnection } from './engine-connection.ts';
import { toEngineError } from './engine-error.mapper.ts';

/** How the containers of a listing are inspected. */
export interface ListingOptions {
  /** Containers inspected at once. */
  concurrency: number;
  /** Added to the listing's budget for each container it inspects, ms. */
  perContainerMs: number;
}

/** Default {@link ListingOptions}: 8 inspects at once, 25 ms more budget per container (+5 s at 200). */
export const DEFAULT_LISTING: ListingOptions = { concurrency: 8, perContainerMs: 25 };

/**
 * The budget of a whole listing of `containers` containers, ms: the per-call timeout, plus `perContainerMs` for
 * each container to inspect. A listing is one list call and one inspect per container, so its cost grows with
 * the containers: with a flat budget a busy engine answered every call in time and still failed the listing
 * (213 containers against 1500 ms on the shared build machine, bench/README.md `scale`). A hung engine is
 * still found within the per-call timeout: the list call (and the version the diagnosis asks at once) keep it.
 * The inspects have only the whole budget, so one slow answer among hundreds does not make the whole engine
 * "unreachable" (at load 24 on 2 cores, a diagnosis of 215 containers was, 2.1 s in, during bench/scale).
 */
export function listingBudgetMs(timeoutMs: number, containers: number, perContainerMs: number): number {
  return timeoutMs + Math.max(0, containers) * Math.max(0, perContainerMs);
}

/**
 * Every container of the engine, inspected (at most `options.concurrency` at once) and mapped. The list call
 * is bounded by `timeoutMs`, the whole listing by {@link listingBudgetMs}; a container removed between the list
 * and its inspect is left out. The first failure cancels the inspects still queued or in flight. Rejects only
 * with EngineError.
 */
export async function listInspectedContainers(
  connection: EngineConnection,
  timeoutMs: number,
  options: ListingOptions,
): Promise<ContainerInfo[]> {
  const started = performance.now();
  const docker = (): Docker => connection.client();
  const [summaries, facts] = await connection.call('list containers', timeoutMs, (signal) =>
    Promise.all([docker().listContainers({ all: true, abortSignal: signal }), networkFacts(connection, signal)]),
  );
  if (summaries.length === 0) return [];
  const budget = Math.max(
    1,
    Math.round(listingBudgetMs(timeoutMs, summaries.length, options.perContainerMs) - (performance.now() - started)),
  );
  const endpoint = connection.endpoint.endpoint;
  return connection.call(`list containers (inspecting ${summaries.length})`, budget, async (signal) => {
    const limit = pLimit(Math.max(1, options.concurrency));
    const stop = new AbortController();
    const onAbort = (): void => stop.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const inspected = await Promise.all(
        summaries.map((summary) =>
          limit(async () => {
            const what = `inspect container ${summary.Id.slice(0, 12)}`;
            try {
              if (stop.signal.aborted) return null;
              return await inspectInfo(docker(), summary.Id, summary.Status, facts, stop.signal);
            } catch (error) {
              const failed = toEngineError(error, endpoint, what);
              // Removed between list and inspect: it is simply no longer part of the picture.
              if (failed.code === 'NOT_FOUND') return null;
              throw failed;
            }
          }),
        ),
      );
      return inspected.filter((c): c is ContainerInfo => c !== null);
    } catch (error) {
      limit.clearQueue();
      stop.abort();
      throw error;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  });
}

/** The labels of every network by name, which tell a compose network's DNS names (see toContainerInfo). */
export async function networkFacts(connection: EngineConnection, signal: AbortSignal): Promise<Map<string, NetworkFacts>> {
  const networks = await connection.networks(signal);
  return new Map(networks.map((n) => [n.Name, { labels: { ...(n.Labels ?? {}) } }]));
}

/** One container inspected and mapped; `listStatus` is the list call's human status when known. */
export async function inspectInfo(
  docker: Docker,
  id: string,
  listStatus: string | undefined,
  facts: ReadonlyMap<string, NetworkFacts>,
  signal: AbortSignal,
): Promise<ContainerInfo> {
  const inspect = (await docker.getContainer(id).inspect({ abortSignal: signal })) as unknown as ContainerInspectJson;
  return toContainerInfo(inspect, listStatus, facts);
}
