/** Options of one diagnosis run. */
export interface DiagnoseOptions {
  /** Workspace directory; default: the first configured workspace, else the process's cwd. */
  workspace?: string;
  /** Extra compose project names to include (`--project`). */
  projects?: string[];
  /** Per-probe timeout in ms; default: settings `probeTimeoutMs` (1500). */
  timeoutMs?: number;
  /** Orchestrator URL override; default: settings, stack config, `ORCHESTRATOR_SERVICE_URL`, built-in. */
  orchestratorUrl?: string;
}

/** Everything one run needs, with defaults applied (built by createDoctor from options, settings and env). */
export interface ResolvedDiagnoseOptions {
  /** Workspace directory as given (resolved and checked by diagnose). */
  workspace: string;
  /** Extra compose project names (`--project`); default []. */
  projects: string[];
  /** Per-probe timeout, ms (default 1500). */
  timeoutMs: number;
  /**
   * True when timeoutMs was asked for explicitly (`--timeout`); otherwise the stack config's
   * `probe.timeoutMs` wins over the settings default.
   */
  timeoutExplicit: boolean;
  /** `--orchestrator-url` / DiagnoseOptions.orchestratorUrl; null when not given. */
  orchestratorUrl: string | null;
  /** Settings' orchestrator URL override; null when unset. */
  settingsOrchestratorUrl: string | null;
  /** Environment read for `ORCHESTRATOR_SERVICE_URL`. */
  env: Record<string, string | undefined>;
  /** Correlation id of the run; diagnose makes one with newId() when absent. */
  correlationId?: string;
}
