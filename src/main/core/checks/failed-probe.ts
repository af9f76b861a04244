import type { ProbeError, ProbeKind, ProbeResult } from '../../../shared/model/index.ts';

/** The probe result a check records for a subject that failed or timed out under its guard. */
export function failedProbe(kind: ProbeKind, target: string, from: string, error: ProbeError, latencyMs: number): ProbeResult {
  return { kind, target, from, ok: false, latencyMs, error };
}
