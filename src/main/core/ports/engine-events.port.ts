import type { Disposable } from '../../../shared/lifecycle/disposable.ts';

/** Container lifecycle actions the event stream reports; others (exec_*, attach, top…) are dropped. */
export type ContainerAction =
  'create' | 'start' | 'die' | 'stop' | 'kill' | 'oom' | 'restart' | 'destroy' | 'pause' | 'unpause' | 'health_status';

/** Something happened to a container. */
export interface ContainerEvent {
  type: 'container';
  action: ContainerAction;
  containerId: string;
  /** Engine name without the leading `/`, when the engine says. */
  name?: string;
  image?: string;
  /** The product's labels only (compose, devcontainer, stack-doctor): other labels may hold secrets. */
  labels: Record<string, string>;
  /** `die`: the exit code. */
  exitCode?: number;
  /** `kill`: the signal sent, as the engine names it (`15`, `SIGKILL`). */
  signal?: string;
  /** `health_status`: the new health. */
  health?: 'healthy' | 'unhealthy' | 'starting';
  /** When the engine saw it, ms since the epoch. */
  time: number;
}

/** A container was attached to or detached from a network. */
export interface NetworkEvent {
  type: 'network';
  action: 'connect' | 'disconnect';
  networkId: string;
  networkName?: string;
  containerId: string;
  time: number;
}

/**
 * The stream itself: `connected` once the engine accepted the subscription (`afterGap` when events may have
 * been missed since the last connection), `lost` when it failed or ended, with the delay before the next try.
 */
export type EngineStreamState =
  | { type: 'stream'; state: 'connected'; afterGap: boolean }
  | { type: 'stream'; state: 'lost'; reason: string; attempt: number; retryInMs: number };

export type EngineEvent = ContainerEvent | NetworkEvent;
export type EngineStreamMessage = EngineEvent | EngineStreamState;

/** Options of {@link EngineEventsPort.subscribe}. */
export interface EngineEventsOptions {
  /**
   * Container events are kept only when the container carries every one of these labels: `key` (any value)
   * or `key=value`, as `docker events --filter label=…`. Network events carry no container labels and are
   * all delivered; match their `containerId` against your own list. Default: no filter.
   */
  labels?: string[];
  /**
   * Called once the stream is open, every time it opens: `initial` the first time, `gap` after a loss. It
   * runs after the subscription is in place, so a consumer that lists containers here and diffs against
   * what it knew misses nothing; events that arrive meanwhile are delivered too. Its failure is ignored.
   */
  reconcile?: (reason: 'initial' | 'gap') => void | Promise<void>;
}

/**
 * The engine's event stream, typed. The subscription survives the engine going away and coming back: it
 * reports `lost`, retries with exponential backoff (on the injected Clock), reports `connected` and calls
 * `reconcile` again. Disposing the subscription ends it and every retry.
 */
export interface EngineEventsPort {
  subscribe(listener: (message: EngineStreamMessage) => void, options?: EngineEventsOptions): Disposable;
}
