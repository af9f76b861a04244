import type { ContainerInfo } from '../../../shared/model/index.ts';

/** Where the engine is: what `DOCKER_HOST` or the active docker context point at. */
export interface EngineEndpoint {
  /** `unix:///var/run/docker.sock`, `tcp://127.0.0.1:2375`, `npipe://…`. */
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
  timedOut: boolean;
}

/**
 * Thrown (rejected) by every engine call when the engine cannot be reached or answers with an error.
 * `code` is stable: `ENGINE_UNREACHABLE`, `NOT_FOUND`, `CONFLICT`, `ENGINE_ERROR`, `TIMEOUT`.
 */
export class EngineError extends Error {
  constructor(
    readonly code: 'ENGINE_UNREACHABLE' | 'NOT_FOUND' | 'CONFLICT' | 'ENGINE_ERROR' | 'TIMEOUT',
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/** The Docker engine, as core needs it. Implemented with dockerode in adapters/docker. */
export interface DockerEnginePort {
  readonly endpoint: EngineEndpoint;
  version(timeoutMs: number): Promise<EngineVersion>;
  /** Every container (running or not), inspected and mapped to ContainerInfo. */
  listContainers(timeoutMs: number): Promise<ContainerInfo[]>;
  listNetworks(timeoutMs: number): Promise<NetworkInfo[]>;
  /** Runs argv in a running container; never rejects for a non-zero exit or a timeout (see ExecResult). */
  exec(containerId: string, argv: string[], timeoutMs: number): Promise<ExecResult>;
}
