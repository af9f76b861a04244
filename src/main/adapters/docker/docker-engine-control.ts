import type Docker from 'dockerode';
import type { ContainerSpec, ControlCallOptions, EngineControlPort, RemoveOptions, StopOptions } from '../../core/ports/index.ts';
import { EngineError } from '../../core/ports/index.ts';
import { toContainerSpec, toCreateOptions } from './container-spec.mapper.ts';
import type { EngineConnection } from './engine-connection.ts';
import { toEngineError } from './engine-error.mapper.ts';

/** Default deadline of a control call, ms. */
const DEFAULT_TIMEOUT_MS = 30_000;
/** The engine's own stop grace when neither the call nor the container names one, s. */
const ENGINE_DEFAULT_GRACE_S = 10;

/** EngineControlPort over dockerode, sharing the adapter's connection (and so its deadline and dispose). */
export class DockerEngineControl implements EngineControlPort {
  constructor(private readonly connection: EngineConnection) {}

  start(id: string, options: ControlCallOptions = {}): Promise<void> {
    return this.run(`start container ${short(id)}`, options, (signal) => this.container(id).start({ abortSignal: signal }));
  }

  stop(id: string, options: StopOptions = {}): Promise<void> {
    return this.run(`stop container ${short(id)}`, withGrace(options), (signal) =>
      this.container(id).stop({ ...grace(options), abortSignal: signal }),
    );
  }

  restart(id: string, options: StopOptions = {}): Promise<void> {
    return this.run(`restart container ${short(id)}`, withGrace(options), (signal) =>
      this.container(id).restart({ ...grace(options), abortSignal: signal }),
    );
  }

  kill(id: string, signalName = 'SIGKILL', options: ControlCallOptions = {}): Promise<void> {
    return this.run(`kill container ${short(id)}`, options, (signal) =>
      this.container(id).kill({ signal: signalName, abortSignal: signal }),
    );
  }

  async connectNetwork(network: string, id: string, options: ControlCallOptions & { aliases?: string[] } = {}): Promise<void> {
    const what = `connect container ${short(id)} to network ${network}`;
    try {
      await this.run(what, options, (signal) => connect(this.connection.client(), network, id, options.aliases ?? [], signal));
    } catch (error) {
      // The engine answers 403 when the container is already on the network: a state conflict.
      if (error instanceof EngineError && error.code === 'ENGINE_ERROR' && statusOf(error.cause) === 403) {
        throw new EngineError('CONFLICT', error.message, error.cause);
      }
      throw error;
    }
  }

  disconnectNetwork(network: string, id: string, options: ControlCallOptions & { force?: boolean } = {}): Promise<void> {
    const body: object = { Container: id, Force: options.force ?? false };
    return this.run(`disconnect container ${short(id)} from network ${network}`, options, (signal) =>
      this.connection
        .client()
        .getNetwork(network)
        .disconnect({ ...body, abortSignal: signal }),
    );
  }

  inspectSpec(id: string, options: ControlCallOptions = {}): Promise<ContainerSpec> {
    return this.connection.call(`inspect container ${short(id)}`, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, async (signal) =>
      toContainerSpec(await this.container(id).inspect({ abortSignal: signal })),
    );
  }

  createContainer(spec: ContainerSpec, options: ControlCallOptions = {}): Promise<string> {
    return this.connection.call(`create container ${spec.name}`, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, async (signal) => {
      const docker = this.connection.client();
      const created = await docker.createContainer({ ...toCreateOptions(spec), abortSignal: signal } as Parameters<
        typeof docker.createContainer
      >[0]);
      try {
        for (const network of spec.networks.slice(1)) {
          await connect(docker, network.name, created.id, network.aliases, signal);
        }
      } catch (error) {
        // Half a twin is worse than none: remove it, then report why.
        await created.remove({ force: true }).catch(() => undefined);
        throw error;
      }
      return created.id;
    });
  }

  removeContainer(id: string, options: RemoveOptions = {}): Promise<void> {
    return this.run(`remove container ${short(id)}`, options, (signal) =>
      this.container(id).remove({ force: options.force ?? false, v: options.volumes ?? false, abortSignal: signal }),
    );
  }

  private container(id: string) {
    return this.connection.client().getContainer(id);
  }

  /** One control request; 304 (already started / already stopped) counts as done: the wanted state holds. */
  private async run(what: string, options: ControlCallOptions, work: (signal: AbortSignal) => Promise<unknown>): Promise<void> {
    try {
      await this.connection.call(what, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, work);
    } catch (error) {
      if (error instanceof EngineError && statusOf(error.cause) === 304) return;
      throw error instanceof EngineError ? error : toEngineError(error, this.connection.endpoint.endpoint, what);
    }
  }
}

/** The typings omit the abortSignal option dockerode honours (and strips from the body) on every call. */
function connect(docker: Docker, network: string, id: string, aliases: string[], signal: AbortSignal): Promise<unknown> {
  const body = { Container: id, EndpointConfig: { Aliases: aliases }, abortSignal: signal };
  return docker.getNetwork(network).connect(body as Docker.NetworkConnectOptions);
}

function short(id: string): string {
  return id.slice(0, 12);
}

function grace(options: StopOptions): { t?: number } {
  return options.graceSeconds === undefined ? {} : { t: Math.max(0, Math.round(options.graceSeconds)) };
}

/** The request must outlive the grace period: the engine answers only once the process is gone. */
function withGrace(options: StopOptions): ControlCallOptions {
  const graceMs = (options.graceSeconds ?? ENGINE_DEFAULT_GRACE_S) * 1000;
  return { timeoutMs: (options.timeoutMs ?? DEFAULT_TIMEOUT_MS) + graceMs };
}

function statusOf(cause: unknown): number | undefined {
  const status = (cause as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}
