import type { ProbeKind, ProbeResult } from '../../../shared/model/index.ts';

/**
 * Bounds a probe that should already bound itself: if an adapter misbehaves and never settles, the run
 * still finishes. `graceMs` (default 250 ms) is added to the probe's own timeout before giving up.
 */
export async function guardProbe(
  probe: Promise<ProbeResult>,
  what: { kind: ProbeKind; target: string; from: string; timeoutMs: number },
  graceMs = 250,
): Promise<ProbeResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = what.timeoutMs + graceMs;
  const fallback = new Promise<ProbeResult>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          kind: what.kind,
          target: what.target,
          from: what.from,
          ok: false,
          latencyMs: limit,
          error: { code: 'TIMEOUT', message: `no answer within ${limit} ms` },
        }),
      limit,
    );
  });
  try {
    return await Promise.race([probe, fallback]);
  } finally {
    clearTimeout(timer);
  }
}
