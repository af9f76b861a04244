/** A compose CLI found on this machine. */
export interface ComposeCli {
  /** `docker compose` (the v2 plugin) or `docker-compose` (v1, Debian's). */
  kind: 'v2' | 'v1';
  /** The words that start its commands: `['docker', 'compose']` or `['docker-compose']`. */
  argv0: string[];
  /** As the CLI reports it, e.g. `1.29.2`. */
  version: string;
}

/** `up -d SERVICE` of one compose project. */
export interface ComposeUpRequest {
  project: string;
  service: string;
  /** Absolute paths, passed as `-f` in order; none lets the CLI find the project's files in `cwd`. */
  composeFiles: string[];
  /** `--project-directory`, when given. */
  workingDir?: string;
  /** Where the CLI runs (relative paths in the compose files resolve against the project directory anyway). */
  cwd: string;
  /** Kill the CLI after this long, ms. */
  timeoutMs: number;
  /** Kills the CLI (SIGTERM) when it aborts: the user cancelled the repair. */
  signal?: AbortSignal;
}

/** How the CLI ended. Output is kept for the report (the caller redacts it). */
export interface ComposeRunResult {
  /** The argument vector that ran. */
  argv: string[];
  /** Null when killed (timeout). */
  exitCode: number | null;
  timedOut: boolean;
  /** The last lines of stdout+stderr, at most 2000 characters. */
  output: string;
  durationMs: number;
}

/**
 * The compose CLI, for what only it can do: creating a service that was never created. Implemented over
 * execFile with argument vectors in adapters/repair. Never rejects for a failing command (a result with its
 * exit code); `up` rejects only when no compose CLI is installed.
 */
export interface ComposePort {
  /** The CLI to use: the v2 plugin when present, else v1; null when neither is installed. Cached after the first call. */
  detect(): Promise<ComposeCli | null>;
  up(request: ComposeUpRequest): Promise<ComposeRunResult>;
}
