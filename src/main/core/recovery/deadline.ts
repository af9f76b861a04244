import { errorMessage } from '../../../shared/error-message.ts';
import type { Clock } from '../ports/clock.port.ts';

export type Raced<T> =
  { kind: 'done'; value: T } | { kind: 'error'; error: unknown } | { kind: 'timeout' } | { kind: 'aborted'; reason: unknown };

/** Waits for `work`, at most `ms` on the Clock and never past `signal`; a port that never answers cannot wedge a plan. */
export async function withDeadline<T>(work: Promise<T>, ms: number, clock: Clock, signal: AbortSignal): Promise<Raced<T>> {
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  if (signal.aborted) stop.abort();
  try {
    return await Promise.race([
      work.then(
        (value): Raced<T> => ({ kind: 'done', value }),
        (error: unknown): Raced<T> => ({ kind: 'error', error }),
      ),
      clock.sleep(ms, stop.signal).then(
        (): Raced<T> => ({ kind: 'timeout' }),
        (): Raced<T> => ({ kind: 'aborted', reason: signal.reason }),
      ),
    ]);
  } finally {
    stop.abort();
    signal.removeEventListener('abort', onAbort);
  }
}

export function deadlineFailure(raced: Exclude<Raced<unknown>, { kind: 'done' }>, what: string, ms: number): string {
  switch (raced.kind) {
    case 'error':
      return `${what} failed: ${errorMessage(raced.error)}`;
    case 'timeout':
      return `${what} timed out after ${ms} ms`;
    case 'aborted':
      return typeof raced.reason === 'string' ? raced.reason : `${what} aborted`;
  }
}
