import type { Clock } from '../ports/clock.port.ts';
import type { EngineControlPort } from '../ports/engine-control.port.ts';
import type { EngineReadPort } from '../ports/engine-read.port.ts';
import type { Logger } from '../ports/logger.port.ts';
import type { BreakerResetPort } from '../ports/repair-breaker.port.ts';
import type { ComposePort } from '../ports/repair-compose.port.ts';
import type { Diagnoser } from '../ports/repair-diagnoser.port.ts';
import type { RepairLogPort, RepairReportPort } from '../ports/repair-report.port.ts';
import type { SmokeVerifier } from '../ports/repair-verify.port.ts';
import type { SettingsPort } from '../ports/settings.port.ts';
import type { StepTimings } from './step-context.ts';

/** The ports a repair works through; the app builds them once (the engine adapter, its Doctor, its settings…). */
export interface RepairDeps {
  diagnoser: Diagnoser;
  engine: EngineReadPort & EngineControlPort;
  compose: ComposePort;
  settings: SettingsPort;
  reports: RepairReportPort;
  clock: Clock;
  logger: Logger;
  /** Ids of plans and repairs (crypto.randomUUID in the app). */
  newId(): string;
  /** The chat client's breakers; without it no breaker step is planned. */
  breakers?: BreakerResetPort;
  /** The smoke suites as verification; without it (or without a suite) the diagnosis alone verifies. */
  smoke?: SmokeVerifier;
  /** The log excerpt of a report; without it the report's log holds the repair's own progress lines. */
  log?: RepairLogPort;
  /** Step timeouts and pacing; defaults in DEFAULT_STEP_TIMINGS. */
  timings?: Partial<StepTimings>;
}
