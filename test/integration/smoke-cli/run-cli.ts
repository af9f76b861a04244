import { runCli as runStackDoctor, type CheckRun, type TempWorkspace } from '../check/run-check.ts';

export type CliRun = CheckRun;

/** The real CLI with the workspace's private config and log folders (see runCli in check/run-check.ts). */
export function runCli(workspace: TempWorkspace, args: string[], timeoutMs = 60_000): Promise<CliRun> {
  return runStackDoctor(workspace, args, { timeoutMs });
}
