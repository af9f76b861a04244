import type { Diagnosis } from '../../shared/model/index.ts';

/** `stack-doctor check` exit codes: the verdict, or 3 when there was nothing trustworthy to report. */
export const ExitCode = {
  healthy: 0,
  degraded: 1,
  unhealthy: 2,
  /** Bad arguments, nonexistent workspace, invalid stack config: the diagnosis cannot be trusted. */
  couldNotDiagnose: 3,
  /** Stopped by Ctrl-C (SIGINT), after printing what was done: 128 + 2, as shells report it. */
  interrupted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** A CONFIG_INVALID finding means probes ran against a config we could not read: exit 3, not a verdict. */
export function exitCodeForDiagnosis(diagnosis: Diagnosis): ExitCodeValue {
  if (diagnosis.findings.some((finding) => finding.id === 'CONFIG_INVALID')) return ExitCode.couldNotDiagnose;
  return ExitCode[diagnosis.verdict];
}
