import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import Docker from 'dockerode';
import type { ContainerInfo } from '../../../shared/model/index.ts';
import type { DockerEnginePort, EngineEndpoint, EngineVersion, ExecResult, NetworkInfo } from '../../core/ports/index.ts';
import { EngineError } from '../../core/ports/index.ts';
import { mapBounded } from './bounded-map.ts';
import { runExec } from './container-exec.ts';
import { toContainerInfo } from './container-info.mapper.ts';
import type { ContainerInspectJson, NetworkFacts } from './container-info.mapper.ts';
import { withDeadline } from './deadline.ts';
import { resolveEngineEndpoint } from './engine-endpoint.ts';
import type { ResolvedEngineEndpoint } from './engine-endpoint.ts';
import { toEngineError } from './engine-error.mapper.ts';
import { errorMessage } from '../../../shared/error-message.ts';

/** Options for DockerEngineAdapter. */
export interface DockerEngineAdapterOptions {
  /** Containers inspected at once by listContainers. Default 8. */
  inspectConcurrency?: number;
}

/** The engine's networks without embedded DNS (the default bridge is the one named `bridge`). */
const NO_DNS_NETWORKS = new Set(['bridge', 'host', 'none']);

/**
 * DockerEnginePort over dockerode. Every call honours its timeout (ms) and rejects only with EngineError,
 * whose message is one line naming the endpoint.
 */
export class DockerEngineAdapter implements DockerEnginePort {
  readonly endpoint: EngineEndpoint;
  private readonly docker: Docker | undefined;
  /** Why no call can succeed (unusable endpoint), checked before each call. */
  private readonly unusable: EngineError | undefined;
  private readonly inspectConcurrency: number;

  constructor(endpoint: ResolvedEngineEndpoint, options: DockerEngineAdapterOptions = {}) {
    this.endpoint =
      endpoint.context === undefined ? { endpoint: endpoint.endpoint } : { endpoint: endpoint.endpoint, context: endpoint.context };
    this.inspectConcurrency = options.inspectConcurrency ?? 8;
    let reason = endpoint.invalid;
    try {
      // docker-modem also parses process.env.DOCKER_HOST itself and throws when it is malformed.
      this.docker = reason === undefined ? new Docker(endpoint.modemOptions) : undefined;
    } catch (error) {
      reason = errorMessage(error);
    }
    this.unusable =
      reason === undefined
        ? undefined
        : new EngineError('ENGINE_UNREACHABLE', `Cannot reach the Docker engine at ${endpoint.endpoint}: ${reason}`);
  }

  /** The engine `DOCKER_HOST` / the active docker context point at, as the docker CLI would pick it. */
  static fromEnvironment(
    env: Record<string, string | undefined> = process.env,
    homeDir: string = homedir(),
    options: DockerEngineAdapterOptions = {},
  ): DockerEngineAdapter {
    return new DockerEngineAdapter(resolveEngineEndpoint(env, homeDir, readTextOrNull), options);
  }

  version(timeoutMs: number): Promise<EngineVersion> {
    return this.call('get the engine version', timeoutMs, async (signal) => {
      // The typings omit the options argument dockerode accepts here.
      const docker = this.client();
      const version = docker.version.bind(docker) as unknown as (opts: { abortSignal: AbortSignal }) => Promise<Docker.DockerVersion>;
      const info = await version({ abortSignal: signal });
      return { version: info.Version, apiVersion: info.ApiVersion };
    });
  }

  listNetworks(timeoutMs: number): Promise<NetworkInfo[]> {
    return this.call('list networks', timeoutMs, async (signal) => {
      const networks = await this.client().listNetworks({ abortSignal: signal });
      return networks.map((n) => ({
        id: n.Id,
        name: n.Name,
        driver: n.Driver ?? '',
        hasDns: !NO_DNS_NETWORKS.has(n.Name) && n.Driver !== 'host' && n.Driver !== 'null',
        labels: { ...(n.Labels ?? {}) },
      }));
    });
  }

  listContainers(timeoutMs: number): Promise<ContainerInfo[]> {
    return this.call('list containers', timeoutMs, async (signal) => {
      const [summaries, networks] = await Promise.all([
        this.client().listContainers({ all: true, abortSignal: signal }),
        this.client().listNetworks({ abortSignal: signal }),
      ]);
      const facts = new Map<string, NetworkFacts>(networks.map((n) => [n.Name, { labels: { ...(n.Labels ?? {}) } }]));
      const inspected = await mapBounded(summaries, this.inspectConcurrency, async (summary) => {
        try {
          const inspect = (await this.client()
            .getContainer(summary.Id)
            .inspect({ abortSignal: signal })) as unknown as ContainerInspectJson;
          return toContainerInfo(inspect, summary.Status, facts);
        } catch (error) {
          // Removed between list and inspect: it is simply no longer part of the picture.
          if (toEngineError(error, this.endpoint.endpoint, 'inspect').code === 'NOT_FOUND') return null;
          throw error;
        }
      });
      return inspected.filter((c): c is ContainerInfo => c !== null);
    });
  }

  exec(containerId: string, argv: string[], timeoutMs: number): Promise<ExecResult> {
    if (this.unusable) return Promise.reject(this.unusable);
    return runExec(this.client(), this.endpoint.endpoint, containerId, argv, timeoutMs);
  }

  private client(): Docker {
    if (this.docker === undefined)
      throw this.unusable ?? new EngineError('ENGINE_UNREACHABLE', `Cannot reach the Docker engine at ${this.endpoint.endpoint}`);
    return this.docker;
  }

  private async call<T>(what: string, timeoutMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.unusable) throw this.unusable;
    try {
      return await withDeadline(this.endpoint.endpoint, what, timeoutMs, work);
    } catch (error) {
      throw toEngineError(error, this.endpoint.endpoint, what);
    }
  }
}

function readTextOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
