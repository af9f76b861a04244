import type { Diagnosis, StackConfig } from '../../../shared/model/index.ts';
import type { Clock } from '../../core/ports/clock.port.ts';
import type { EngineControlPort } from '../../core/ports/engine-control.port.ts';
import type { EngineEventsPort } from '../../core/ports/engine-events.port.ts';
import type { EngineReadPort } from '../../core/ports/engine-read.port.ts';
import type { Logger } from '../../core/ports/logger.port.ts';
import type { NetworkProbePort } from '../../core/ports/network-probe.port.ts';
import type { RecoveryActions } from '../../core/ports/recovery-actions.port.ts';
import type { RecoveryHealth } from '../../core/ports/recovery-health.port.ts';
import type { RecoveryStore } from '../../core/ports/recovery-store.port.ts';
import type { HealthTarget } from '../../adapters/recovery/engine-recovery-health.adapter.ts';
import type { HeartbeatStorePort } from '../../core/ports/heartbeat.port.ts';
import type { RedisEndpoint } from '../../core/protocols/redis-url.parser.ts';

/** The self-action bookkeeping shared by the actions adapter and the event translation. */
export interface SelfActions {
  isSelf(containerId: string): boolean;
  consumeDie(containerId: string): boolean;
}

/** What the supervisor is built from (create-app-services.ts passes the real adapters). */
export interface SupervisorDeps {
  engine: EngineReadPort & EngineControlPort & EngineEventsPort;
  net: NetworkProbePort;
  clock: Clock;
  logger: Logger;
  newId: () => string;
  /** The workspace to supervise, re-read at start. */
  workspace: () => string;
  /** Discovers the stack (the diagnosis service's `diagnose`). */
  diagnose: (workspace: string) => Promise<Diagnosis>;
  /** Completed diagnoses (the periodic check's too), to follow the stack as it changes. */
  onDiagnosis: (listener: (d: Diagnosis) => void) => { dispose(): void };
  /** The workspace's `stack-doctor.yaml`, when there is a valid one. */
  readConfig: (workspace: string) => Promise<StackConfig | undefined>;
  store: RecoveryStore;
  self: SelfActions;
  /** The actions and health sources over the engine; health reads where each service is through `target`. */
  makeRecovery: (target: (service: string) => HealthTarget | undefined) => { actions: RecoveryActions; health: RecoveryHealth };
  /** The heartbeat store of a stack config's `heartbeats.redisUrl`. Default: the Redis adapter (RESP over node:net). */
  heartbeatStore?: (endpoint: RedisEndpoint) => HeartbeatStorePort;
}

/** Options of createSupervisorService. */
export interface SupervisorOptions {
  /** First wait between two looks for an engine that is not up, ms; doubles up to 5000. Default 200. */
  engineRetryMs?: number;
}
