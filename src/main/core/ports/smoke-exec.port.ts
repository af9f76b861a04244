import type { ExecResult } from './engine-read.port.ts';

/**
 * Runs a command inside a container, for the dns check's `from: { container: NAME }`. The engine adapter's
 * `exec` has this shape already (it accepts a container name as well as an id), so the app passes it as is.
 */
export interface SmokeExecPort {
  /**
   * Runs argv (never a shell string) in the running container `container` (name or id). Resolves for any exit
   * code and on timeout (`timedOut: true`); rejects (EngineError) when the engine cannot be reached or the
   * container is missing or not running.
   */
  exec(container: string, argv: string[], timeoutMs: number): Promise<ExecResult>;
}
