import type { SmokeCheckResult } from '../../../shared/model/index.ts';
import { errorMessage } from '../../../shared/error-message.ts';
import type { SyncDisposable } from '../../../shared/lifecycle/disposable.ts';
import type { Clock } from '../ports/clock.port.ts';
import { error, fail, type CheckVerdict, type PlannedCheck } from './smoke-check.ts';

/**
 * How long past a check's budget the runner waits before it stops waiting, ms. The ports enforce the budget
 * themselves and say more about a timeout (a probe code, a chat error class); this backstop only catches a
 * port that does not, and the check is aborted either way.
 */
export const BACKSTOP_GRACE_MS = 250;

/** A result with the monotonic times it started and ended, for the suite's duration. */
export interface TimedResult {
  result: SmokeCheckResult;
  startedAt: number;
  endedAt: number;
}

/**
 * Runs one check within its budget and never rejects: a rejection or a throw is `error`, no answer by the
 * backstop is `fail`, a pass that came after the budget is `fail`, a cancelled run is `error` for a check in
 * flight and `skipped` for one not started. The check's signal aborts when the runner stops waiting.
 */
export async function runCheck(check: PlannedCheck, clock: Clock, cancel: AbortSignal): Promise<TimedResult> {
  const started = clock.now();
  const done = (verdict: CheckVerdict, durationMs = 0): TimedResult => ({
    result: {
      suite: check.suite,
      check: check.name,
      kind: check.kind,
      result: verdict.result,
      durationMs,
      ...(verdict.reason !== undefined ? { reason: verdict.reason } : {}),
      ...(check.target !== undefined ? { target: check.target } : {}),
    },
    startedAt: started,
    endedAt: started + durationMs,
  });
  if (check.skipped !== undefined) return done({ result: 'skipped', reason: check.skipped });
  if (cancel.aborted) return done({ result: 'skipped', reason: 'the run was cancelled before this check started' });

  const controller = new AbortController();
  let backstop: SyncDisposable | undefined;
  let onCancel: (() => void) | undefined;
  const verdict = await new Promise<CheckVerdict>((resolve) => {
    backstop = clock.setTimeout(() => resolve(fail(`no result within ${check.timeoutMs} ms`)), check.timeoutMs + BACKSTOP_GRACE_MS);
    onCancel = () => resolve(error('the run was cancelled while this check ran'));
    cancel.addEventListener('abort', onCancel, { once: true });
    Promise.resolve()
      .then(() => check.run({ signal: controller.signal, timeoutMs: check.timeoutMs, clock }))
      .then(resolve, (thrown: unknown) => resolve(error(errorMessage(thrown))));
  });
  backstop?.dispose();
  if (onCancel) cancel.removeEventListener('abort', onCancel);
  controller.abort();

  const durationMs = Math.max(0, Math.round((clock.now() - started) * 10) / 10);
  if (verdict.result === 'pass' && durationMs > check.timeoutMs) {
    return done(fail(`passed after ${Math.round(durationMs)} ms, over the ${check.timeoutMs} ms budget`), durationMs);
  }
  return done(verdict, durationMs);
}
