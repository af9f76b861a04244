import type { ContainerInfo } from '../../../shared/model/index.ts';

/** Where the engine is: what `DOCKER_HOST` or the active docker context point at. */
export interface EngineEndpoint {
  /** `unix:///var/run/docker.sock`, `tcp://127.0.0.1:2375`, `npipe://…`; credentials in it are redacted. */
  endpoint: string;
  /** The docker context name when the endpoint came from one. */
  context?: string;
}

export interface EngineVersion {
  version: string;
  apiVersion: string;
}

export interface NetworkInfo {
  id: string;
  name: string;
  driver: string;
  /** Whether the engine's embedded DNS serves names on it (false for the default `bridge`, `host`, `none`). */
  hasDns: boolean;
  labels: Record<string, string>;
}

export interface ExecResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /**
   * The command outlived its timeout: the client stopped waiting and released its stream. The engine has no
   * way to kill an exec, so the process may still run in the container until it ends by itself.
   */
  timedOut: boolean;
  /**
   * The engine's id of an exec that timed out after the engine created it, so a report can name what may
   * still run in the container; absent when it timed out before the engine answered the create.
   */
  execId?: string;
}

/**
 * Reading the Docker engine: what diagnosis needs. Implemented with dockerode in adapters/docker. Every call
 * honours its timeout (ms) and rejects only with EngineError (see engine-error.ts).
 */
export interface EngineReadPort {
  readonly endpoint: EngineEndpoint;
  version(timeoutMs: number): Promise<EngineVersion>;
  /**
   * Every container (running or not), inspected and mapped to ContainerInfo. `timeoutMs` bounds the list call;
   * the whole listing gets more the more containers it inspects (the Docker adapter: +25 ms per container), so a
   * busy engine with hundreds of containers is not reported unreachable.
   */
  listContainers(timeoutMs: number): Promise<ContainerInfo[]>;
  listNetworks(timeoutMs: number): Promise<NetworkInfo[]>;
  /** One container by id or name, mapped like listContainers does. Rejects NOT_FOUND when it is not there. */
  inspectContainer(idOrName: string, timeoutMs: number): Promise<ContainerInfo>;
  /** Runs argv in a running container; never rejects for a non-zero exit or a timeout (see ExecResult). */
  exec(containerId: string, argv: string[], timeoutMs: number): Promise<ExecResult>;
}
