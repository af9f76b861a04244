import { readFileSync } from 'node:fs';
import { Agent as HttpAgent, type AgentOptions } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { homedir } from 'node:os';
import type { Readable } from 'node:stream';
import { inspect } from 'node:util';
import type Docker from 'dockerode';
import { errorMessage } from '../../../shared/error-message.ts';
import type { Disposable } from '../../../shared/lifecycle/disposable.ts';
import type { ContainerInfo } from '../../../shared/model/index.ts';
import { redactUrl } from '../../../shared/redact.ts';
import type {
  Clock,
  ContainerSpec,
  ControlCallOptions,
  EngineControlPort,
  EngineEndpoint,
  EngineEventsOptions,
  EngineEventsPort,
  EngineReadPort,
  EngineStreamMessage,
  EngineVersion,
  ExecResult,
  NetworkInfo,
  RemoveOptions,
  StopOptions,
} from '../../core/ports/index.ts';
import { EngineError } from '../../core/ports/index.ts';
import { systemClock } from '../clock/system-clock.ts';
import { runExec } from './container-exec.ts';
import { DEFAULT_LISTING, inspectInfo, listInspectedContainers, networkFacts, type ListingOptions } from './container-listing.ts';
import { loadDockerode } from './load-dockerode.ts';
import { productLabels } from './product-labels.ts';
import { DockerEngineControl } from './docker-engine-control.ts';
import { EngineConnection } from './engine-connection.ts';
import { subscribeToEngineEvents } from './engine-event-stream.ts';
import type { EngineEventStreamOptions } from './engine-event-stream.ts';
import { resolveEngineEndpoint } from './engine-endpoint.ts';
import type { ResolvedEngineEndpoint } from './engine-endpoint.ts';

/** Options for DockerEngineAdapter. */
export interface DockerEngineAdapterOptions {
  /** Containers inspected at once by listContainers. Default 8. */
  inspectConcurrency?: number;
  /**
   * Budget listContainers adds per container it inspects, ms, on top of the per-call timeout. Default 25
   * (see listingBudgetMs).
   */
  inspectAllowanceMs?: number;
  /** Waits between event-stream reconnections. Default the system clock. */
  clock?: Clock;
  /** Reconnection backoff and connect timeout of event subscriptions. Defaults: see EngineEventStreamOptions. */
  events?: EngineEventStreamOptions;
}

/** The engine's networks without embedded DNS (the default bridge is the one named `bridge`). */
const NO_DNS_NETWORKS = new Set(['bridge', 'host', 'none']);

/**
 * The engine ports (read, control, events) over dockerode. Every call honours its timeout (ms) and rejects
 * only with EngineError, whose message is one line naming the endpoint. Disposable: dispose() aborts every
 * request in flight (calls reject ENGINE_UNREACHABLE, execs release their streams), ends every event
 * subscription and destroys the keep-alive agent, so no socket keeps the process alive.
 */
export class DockerEngineAdapter implements EngineReadPort, EngineControlPort, EngineEventsPort, Disposable {
  readonly endpoint: EngineEndpoint;
  private readonly connection: EngineConnection;
  private readonly control: DockerEngineControl;
  private readonly listing: ListingOptions;
  private readonly clock: Clock;
  private readonly eventOptions: EngineEventStreamOptions;
  private readonly subscriptions = new Set<Disposable>();

  constructor(endpoint: ResolvedEngineEndpoint, options: DockerEngineAdapterOptions = {}) {
    const shown = redactUrl(endpoint.endpoint);
    const agent = keepAliveAgent(endpoint);
    let docker: Docker | undefined;
    let reason = endpoint.invalid;
    try {
      // docker-modem also parses process.env.DOCKER_HOST itself and throws when it is malformed.
      docker = reason === undefined ? new (loadDockerode())({ ...endpoint.modemOptions, ...(agent ? { agent } : {}) }) : undefined;
    } catch (error) {
      reason = errorMessage(error);
    }
    this.endpoint = endpoint.context === undefined ? { endpoint: shown } : { endpoint: shown, context: endpoint.context };
    const unusable =
      reason === undefined
        ? undefined
        : new EngineError('ENGINE_UNREACHABLE', `Cannot reach the Docker engine at ${shown}: ${redactUrl(reason)}`);
    this.connection = new EngineConnection(this.endpoint, docker, unusable, agent);
    this.control = new DockerEngineControl(this.connection);
    this.listing = {
      concurrency: options.inspectConcurrency ?? DEFAULT_LISTING.concurrency,
      perContainerMs: options.inspectAllowanceMs ?? DEFAULT_LISTING.perContainerMs,
    };
    this.clock = options.clock ?? systemClock;
    this.eventOptions = options.events ?? {};
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
    return this.connection.call('get the engine version', timeoutMs, async (signal) => {
      // The typings omit the options argument dockerode accepts here.
      const docker = this.connection.client();
      const version = docker.version.bind(docker) as unknown as (opts: { abortSignal: AbortSignal }) => Promise<Docker.DockerVersion>;
      const info = await version({ abortSignal: signal });
      return { version: info.Version, apiVersion: info.ApiVersion };
    });
  }

  listNetworks(timeoutMs: number): Promise<NetworkInfo[]> {
    return this.connection.call('list networks', timeoutMs, async (signal) => {
      const networks = await this.connection.networks(signal);
      return networks.map((n) => ({
        id: n.Id,
        name: n.Name,
        driver: n.Driver ?? '',
        hasDns: !NO_DNS_NETWORKS.has(n.Name) && n.Driver !== 'host' && n.Driver !== 'null',
        // Like a container's, a network's labels may belong to other tools and hold secrets.
        labels: productLabels(n.Labels),
      }));
    });
  }

  listContainers(timeoutMs: number): Promise<ContainerInfo[]> {
    return listInspectedContainers(this.connection, timeoutMs, this.listing);
  }

  inspectContainer(idOrName: string, timeoutMs: number): Promise<ContainerInfo> {
    return this.connection.call(`inspect container ${idOrName.slice(0, 64)}`, timeoutMs, async (signal) => {
      const docker = this.connection.client();
      return inspectInfo(docker, idOrName, undefined, await networkFacts(this.connection, signal), signal);
    });
  }

  exec(containerId: string, argv: string[], timeoutMs: number): Promise<ExecResult> {
    if (this.connection.unusable) return Promise.reject(this.connection.unusable);
    return runExec(this.connection.client(), this.endpoint.endpoint, containerId, argv, timeoutMs, this.connection.lifetime);
  }

  subscribe(listener: (message: EngineStreamMessage) => void, options: EngineEventsOptions = {}): Disposable {
    const open = async (signal: AbortSignal): Promise<Readable> => {
      if (this.connection.unusable) throw this.connection.unusable;
      const stream = await this.connection.client().getEvents({ filters: { type: ['container', 'network'] }, abortSignal: signal });
      return stream as Readable;
    };
    const subscription = subscribeToEngineEvents(open, this.clock, listener, { ...this.eventOptions, ...options });
    const tracked: Disposable = {
      dispose: async () => {
        this.subscriptions.delete(tracked);
        await subscription.dispose();
      },
    };
    if (this.connection.lifetime.aborted) void subscription.dispose();
    else this.subscriptions.add(tracked);
    return tracked;
  }

  start(id: string, options?: ControlCallOptions): Promise<void> {
    return this.control.start(id, options);
  }
  stop(id: string, options?: StopOptions): Promise<void> {
    return this.control.stop(id, options);
  }
  restart(id: string, options?: StopOptions): Promise<void> {
    return this.control.restart(id, options);
  }
  kill(id: string, signal?: string, options?: ControlCallOptions): Promise<void> {
    return this.control.kill(id, signal, options);
  }
  connectNetwork(network: string, id: string, options?: ControlCallOptions & { aliases?: string[] }): Promise<void> {
    return this.control.connectNetwork(network, id, options);
  }
  disconnectNetwork(network: string, id: string, options?: ControlCallOptions & { force?: boolean }): Promise<void> {
    return this.control.disconnectNetwork(network, id, options);
  }
  inspectSpec(id: string, options?: ControlCallOptions): Promise<ContainerSpec> {
    return this.control.inspectSpec(id, options);
  }
  createContainer(spec: ContainerSpec, options?: ControlCallOptions): Promise<string> {
    return this.control.createContainer(spec, options);
  }
  removeContainer(id: string, options?: RemoveOptions): Promise<void> {
    return this.control.removeContainer(id, options);
  }

  /** Ends every subscription, aborts every request in flight and destroys the agent's sockets. Idempotent. */
  async dispose(): Promise<void> {
    this.connection.dispose();
    await Promise.allSettled([...this.subscriptions].map((subscription) => subscription.dispose()));
  }
}

/**
 * One keep-alive agent per adapter, so repeated calls reuse sockets and dispose() can destroy them all.
 * ssh endpoints get docker-modem's own ssh agent instead.
 */
function keepAliveAgent(endpoint: ResolvedEngineEndpoint): HttpAgent | undefined {
  if (endpoint.invalid !== undefined || endpoint.modemOptions.protocol === 'ssh') return undefined;
  // A plain-HTTP engine (unix socket, tcp://) has no TLS name to send: an empty servername spares each request Node's
  // computation of one, whose net.isIP check of the host runs the IPv6 regex (0.2–0.7 ms a request in a fresh process,
  // ~4 ms of a 20-container check). Only a TLS agent (https) uses the name, for SNI.
  const plain: AgentOptions & { servername: string } = { keepAlive: true, servername: '' };
  const agent = endpoint.modemOptions.protocol === 'https' ? new HttpsAgent({ keepAlive: true }) : new HttpAgent(plain);
  return Object.assign(agent, { [inspect.custom]: inspectAgentBriefly });
}

/**
 * docker-modem formats every request's options for its debug log whether or not the log is on
 * (`util.inspect(options, { showHidden: true, depth: null })`), and those options hold the agent: with its
 * pooled sockets that walk costs ~3 ms of CPU per request warm, far more cold (bench/README.md, cli-startup and
 * scale), i.e. most of a 10-container listing and seconds at 200. The agent shows itself as one line instead.
 */
function inspectAgentBriefly(this: HttpAgent): string {
  return `Agent { keepAlive: true, sockets: ${Object.keys(this.sockets).length} }`;
}

function readTextOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
