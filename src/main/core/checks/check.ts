import type {
  ContainerInfo,
  EngineReport,
  Finding,
  ProbeError,
  ProbeResult,
  Runtime,
  Stack,
  StackConfig,
  StackService,
} from '../../../shared/model/index.ts';
import type { TargetInput } from '../orchestrator/resolve-target.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { EngineReadPort, NetworkInfo } from '../ports/engine-read.port.ts';
import type { NetworkProbePort } from '../ports/network-probe.port.ts';
import type { FactKey, FactView } from './fact-store.ts';

/** What every check of one run may read: the discovered stack and what the engine said. Built once per run. */
export interface CheckScope {
  stack: Stack;
  /** The stack's services (ignored ones are already gone). */
  services: readonly StackService[];
  config: StackConfig;
  engine: EngineReport;
  runtime: Runtime;
  /** Every container the engine listed; null when the engine was unreachable (no in-container checks then). */
  containers: ContainerInfo[] | null;
  networks: NetworkInfo[];
  /** The orchestrator target to decide (configured URL, fallback, aliases, health path, headers). */
  orchestrator: TargetInput;
  /** Default budget of one subject, ms (the run's probe timeout, default 1500). */
  timeoutMs: number;
  /** A service's budget, ms: its `timeoutMs` in stack config, else {@link timeoutMs}. */
  timeoutOf(service: StackService): number;
}

/** The ports a check runs through, the run's scope, and the budget of the subject at hand. */
export interface CheckContext {
  engine: EngineReadPort;
  net: NetworkProbePort;
  clock: Clock;
  scope: CheckScope;
  /** This subject's budget, ms: the check bounds its own I/O by it; the runner adds a grace period on top. */
  timeoutMs: number;
}

/**
 * A check: one kind of question asked of the stack (does this name resolve from that container, does this
 * port answer…). It declares its subjects from the scope, runs each one through the ports, keeps what it
 * learnt as facts under its `key`, and derives findings once every check of the run has finished; so a
 * check's findings may read the facts of any other check through that check's key. Adding one is one file
 * plus one registration (see builtin-checks.ts).
 *
 * Methods are declared as methods (not arrow properties) on purpose: that keeps `Check<Subject, Fact>`
 * assignable to the registry's `Check<unknown, unknown>`.
 */
export interface Check<Subject, Fact> {
  /** Stable, unique in a registry: `host-dns`, `http-health`. */
  readonly id: string;
  /** Where this check's facts are kept; other checks and the report builders read them through it. */
  readonly key: FactKey<Fact>;
  /**
   * At most this many subjects run at once (default: all at once). For checks whose I/O is costly to the
   * engine, such as execs. A subject's budget starts when it starts, not while it waits.
   */
  readonly concurrency?: number;
  /** What it applies to in this run; empty when nothing does. */
  subjects(scope: CheckScope): readonly Subject[];
  /** Budget of one subject, ms; default the scope's {@link CheckScope.timeoutMs}. */
  timeoutOf?(subject: Subject, scope: CheckScope): number;
  /** Asks the question of one subject through the ports; zero or more facts (one exec may cover many names). */
  run(subject: Subject, context: CheckContext): Promise<readonly Fact[]>;
  /** The facts to keep when `run` rejects or outlives its budget plus grace (`TIMEOUT` / `CHECK_FAILED`). */
  failed(subject: Subject, error: ProbeError, latencyMs: number): readonly Fact[];
  /** Findings over the facts of the whole run (its own and, through their keys, other checks'). */
  findings(facts: FactView, scope: CheckScope): Finding[];
  /**
   * The probe results of its facts that concern each service, for the service reports: `[service, probe]`
   * pairs in the order they are listed. Omitted by checks with nothing to show per service.
   */
  evidence?(facts: readonly Fact[], scope: CheckScope): Iterable<readonly [StackService, ProbeResult]>;
}

/** A check of any subject and fact type, as the registry holds it. */
export type AnyCheck = Check<unknown, unknown>;
