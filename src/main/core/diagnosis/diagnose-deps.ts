import type { CheckRegistry } from '../checks/check-registry.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { EngineReadPort } from '../ports/engine-read.port.ts';
import type { Logger } from '../ports/logger.port.ts';
import type { NetworkProbePort } from '../ports/network-probe.port.ts';
import type { RuntimeSignalsPort } from '../ports/runtime-signals.port.ts';
import type { WorkspacePort } from '../ports/workspace.port.ts';

/** The ports one diagnosis run talks through. */
export interface DiagnoseDeps {
  engine: EngineReadPort;
  net: NetworkProbePort;
  workspace: WorkspacePort;
  runtime: RuntimeSignalsPort;
  clock: Clock;
  logger: Logger;
  /** Correlation ids (crypto.randomUUID in the app). */
  newId(): string;
  /** The checks to run; default the built-in ones (checks/builtin-checks.ts). */
  checks?: CheckRegistry;
}
