import { runCli, type CheckRun, type TempWorkspace } from '../../check/run-check.ts';

export type RepairCliRun = CheckRun;

/**
 * `node bin/stack-doctor.js repair --workspace <dir> …` as a child process, stdout piped (not a TTY), with the
 * workspace's private config and log folders and `STACK_DOCTOR_DATA_DIR` = `dataDir`.
 */
export function runRepairCli(ws: TempWorkspace, dataDir: string, args: string[], timeoutMs = 90_000): Promise<RepairCliRun> {
  return runCli(ws, ['repair', '--workspace', ws.dir, ...args], { timeoutMs, env: { STACK_DOCTOR_DATA_DIR: dataDir } });
}
