/**
 * What the watchers report about one service of the stack (engine events, health probe, Docker HEALTHCHECK,
 * readiness, Redis heartbeat, the orchestrator client's breaker). Observations of services outside the stack are
 * ignored: recovery never touches them.
 */
export type ServiceObservation =
  | {
      kind: 'container-started';
      service: string;
      containerId?: string;
    }
  | {
      /** The container exited (a crash unless a user stop/kill, or Stack Doctor's own action, came first). */
      kind: 'container-died';
      service: string;
      exitCode: number;
      oom: boolean;
    }
  | {
      /**
       * An engine stop/kill event, before the `die`. `bySelf`: the engine adapter recognised it as an action Stack
       * Doctor issued; otherwise the user did it (unless a plan of this service is acting right now).
       */
      kind: 'stop-requested';
      service: string;
      signal: 'stop' | 'kill';
      bySelf: boolean;
    }
  | {
      /** One HTTP health probe; `degraded` when the body says so. */
      kind: 'health-probe';
      service: string;
      result: 'ok' | 'degraded' | 'failed';
      detail?: string;
    }
  | { kind: 'docker-health'; service: string; status: 'starting' | 'healthy' | 'unhealthy' }
  | {
      /** The Redis heartbeat's status, or `expired` when it is missing or older than its TTL. */
      kind: 'heartbeat';
      service: string;
      status: 'healthy' | 'degraded' | 'overloaded' | 'shutting_down' | 'expired';
    }
  | { kind: 'readiness'; service: string; ready: boolean }
  | {
      /** A dependency outside the stack's services (e.g. a shared database) went down or came back. */
      kind: 'dependency';
      service: string;
      dependency: string;
      up: boolean;
    }
  | {
      /** The orchestrator client's circuit breaker opened for a target this service owns. */
      kind: 'breaker-open';
      service: string;
      target?: string;
    };
