/**
 * What it takes to create a container like an existing one, read by {@link EngineControlPort.inspectSpec}:
 * the building block of "recreate a twin with a new environment" (inspect → change `env` and `name` →
 * create → stop the old one → start the twin → remove the old one).
 *
 * It holds the container's raw environment, secrets included: it exists only to be handed back to the
 * engine. Never log it, show it or put it in a report (ContainerInfo is the reportable view).
 */
export interface ContainerSpec {
  /** Engine name, without the leading `/`. A twin needs a new one: the engine refuses duplicates. */
  name: string;
  image: string;
  /** The process environment, `NAME → value`, in the engine's order. */
  env: Record<string, string>;
  labels: Record<string, string>;
  /** Unset means the image's default. */
  cmd?: string[];
  entrypoint?: string[];
  /**
   * Networks to attach, with their aliases (the engine's own short-id alias left out). The first is
   * attached at create time, the others right after, before the container starts.
   */
  networks: { name: string; aliases: string[] }[];
  /**
   * The rest of the engine's container `Config` (working dir, user, exposed ports, healthcheck, stop
   * signal…) and its `HostConfig` (mounts, port bindings, restart policy, limits…), carried through
   * untouched so the twin keeps them. Opaque to core.
   */
  engineConfig: Readonly<Record<string, unknown>>;
  engineHostConfig: Readonly<Record<string, unknown>>;
}

/** Options every control call takes. */
export interface ControlCallOptions {
  /** How long to wait for the engine's answer, ms. Default 30 000 (stop/restart add their grace period). */
  timeoutMs?: number;
}

/** Options of stop and restart. */
export interface StopOptions extends ControlCallOptions {
  /**
   * Seconds the process gets after its stop signal before the engine kills it (`docker stop -t`). Default:
   * the container's own StopTimeout, else the engine's (10 s).
   */
  graceSeconds?: number;
}

/** Options of removeContainer. */
export interface RemoveOptions extends ControlCallOptions {
  /** Kill it first when it runs. Default false (a running container is CONFLICT). */
  force?: boolean;
  /** Remove its anonymous volumes too. Default false. */
  volumes?: boolean;
}

/**
 * Acting on the Docker engine: what recovery and repair need. Implemented with dockerode in adapters/docker.
 * Every call rejects only with EngineError: NOT_FOUND (no such container/network), CONFLICT (the engine
 * refuses in the current state: kill of a stopped container, a name in use, an endpoint already there),
 * ENGINE_UNREACHABLE (no answer, including past the timeout), ENGINE_ERROR (anything else).
 * start of a running container and stop of a stopped one resolve: the wanted state holds.
 */
export interface EngineControlPort {
  start(containerId: string, options?: ControlCallOptions): Promise<void>;
  stop(containerId: string, options?: StopOptions): Promise<void>;
  restart(containerId: string, options?: StopOptions): Promise<void>;
  /** Sends a signal (`SIGKILL` by default; `SIGTERM`, `SIGHUP`, `9`…) to the container's main process. */
  kill(containerId: string, signal?: string, options?: ControlCallOptions): Promise<void>;
  /** Attaches a container to a network (name or id), answering to `aliases` there. */
  connectNetwork(network: string, containerId: string, options?: ControlCallOptions & { aliases?: string[] }): Promise<void>;
  /** Detaches it; `force` also when the container is not running. */
  disconnectNetwork(network: string, containerId: string, options?: ControlCallOptions & { force?: boolean }): Promise<void>;
  /** What {@link createContainer} needs to make a twin of this container. */
  inspectSpec(containerId: string, options?: ControlCallOptions): Promise<ContainerSpec>;
  /** Creates (does not start) a container; resolves with its id. */
  createContainer(spec: ContainerSpec, options?: ControlCallOptions): Promise<string>;
  removeContainer(containerId: string, options?: RemoveOptions): Promise<void>;
}
