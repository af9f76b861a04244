import type { Agent } from 'node:http';
import type Docker from 'dockerode';
import type { EngineEndpoint } from '../../core/ports/index.ts';
import { EngineError } from '../../core/ports/index.ts';
import { withDeadline } from './deadline.ts';
import { toEngineError } from './engine-error.mapper.ts';

/**
 * The dockerode client of one adapter and what every call shares: the endpoint as shown (credentials
 * redacted), why no call can succeed when the endpoint is unusable, the keep-alive agent and the lifetime
 * signal that dispose() aborts.
 */
export class EngineConnection {
  private readonly controller = new AbortController();

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
