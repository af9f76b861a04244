import type { ProbeError } from '../../../shared/model/index.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import type { Clock } from '../ports/clock.port.ts';

/** Added to a subject's own budget before the guard gives up on it, ms. */
export const GUARD_GRACE_MS = 250;

/**
 * Bounds work that should already bound itself: if an adapter misbehaves and never settles, the run still
 * finishes, `timeoutMs + graceMs` after the work started (timed on `clock`, so tests move time by hand).
 * A rejection becomes `CHECK_FAILED`; running out of time becomes `TIMEOUT`. Both go through `failed`, so
 * the caller always gets a value. The guard's timer is cancelled as soon as the work settles.
 */
export async function guard<T>(
  work: () => Promise<T>,
  options: { clock: Clock; timeoutMs: number; graceMs?: number },
  failed: (error: ProbeError, latencyMs: number) => T,
): Promise<T> {
  const { clock } = options;
  const limit = options.timeoutMs + (options.graceMs ?? GUARD_GRACE_MS);
  const started = clock.now();
  let timer: { dispose(): void } | undefined;
  const expired = new Promise<T>((resolve) => {
    timer = clock.setTimeout(() => resolve(failed({ code: 'TIMEOUT', message: `no answer within ${limit} ms` }, limit)), limit);
  });
  const settled = Promise.resolve()
    .then(work)
    .catch((error: unknown) =>
      failed({ code: 'CHECK_FAILED', message: errorMessage(error) }, Math.max(0, Math.round(clock.now() - started))),
    );
  try {
    return await Promise.race([settled, expired]);
  } finally {
    timer?.dispose();
  }
}
