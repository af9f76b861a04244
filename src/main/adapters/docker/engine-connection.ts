import type { Agent } from 'node:http';
import type Docker from 'dockerode';
import type { EngineEndpoint } from '../../core/ports/index.ts';
import { EngineError } from '../../core/ports/index.ts';
import { withDeadline } from './deadline.ts';
import { InFlightRequest } from './in-flight-request.ts';
import { toEngineError } from './engine-error.mapper.ts';

/**
 * The dockerode client of one adapter and what every call shares: the endpoint as shown (credentials
 * redacted), why no call can succeed when the endpoint is unusable, the keep-alive agent and the lifetime
 * signal that dispose() aborts.
 */
export class EngineConnection {
  private readonly controller = new AbortController();
  private readonly networkList = new InFlightRequest((signal) => this.client().listNetworks({ abortSignal: signal }));

  constructor(
    readonly endpoint: EngineEndpoint,
    private readonly docker: Docker | undefined,
    /** Why no call can succeed (unusable endpoint), checked before each call. */
    readonly unusable: EngineError | undefined,
    private readonly agent: Agent | undefined,
  ) {}

  /** Aborts when the connection is disposed. */
  get lifetime(): AbortSignal {
    return this.controller.signal;
  }

  client(): Docker {
    if (this.docker === undefined)
      throw this.unusable ?? new EngineError('ENGINE_UNREACHABLE', `Cannot reach the Docker engine at ${this.endpoint.endpoint}`);
    return this.docker;
  }

  /**
   * `GET /networks`, shared by the calls made while one is in flight: the diagnosis' network list and the
   * container listing's network labels, asked at once, cost one request.
   */
  networks(signal: AbortSignal): Promise<Docker.NetworkInspectInfo[]> {
    return this.networkList.get(signal);
  }

  /** Runs one engine request under a deadline (ms) and the lifetime; rejects only with EngineError. */
  async call<T>(what: string, timeoutMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.unusable) throw this.unusable;
    try {
      return await withDeadline(this.endpoint.endpoint, what, timeoutMs, work, this.controller.signal);
    } catch (error) {
      throw toEngineError(error, this.endpoint.endpoint, what);
    }
  }

  /** Aborts every request in flight and destroys the agent's sockets. Idempotent. */
  dispose(): void {
    this.controller.abort();
    this.agent?.destroy();
  }
}
