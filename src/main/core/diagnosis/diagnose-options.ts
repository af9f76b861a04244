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
