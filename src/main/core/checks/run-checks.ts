import pLimit from 'p-limit';
import type { AnyCheck, CheckContext, CheckScope } from './check.ts';
import { guard } from './check-guard.ts';
import { FactStore } from './fact-store.ts';

/** The ports every check runs through (CheckContext without the scope and the per-subject budget). */
export type CheckPorts = Omit<CheckContext, 'scope' | 'timeoutMs'>;

/** Options of {@link runChecks}. */
export interface RunChecksOptions {
  /** Called as each check's facts are kept (every subject done), with the check's id: timing spans. */
  onCheckDone?(id: string): void;
}

/**
 * Runs every check of the registry at once, and within each check every subject at once (or at most the
 * check's `concurrency`): the run costs its slowest subject, not the sum. Each subject runs under a guard
 * of its own budget plus grace on the run's Clock, so a misbehaving adapter cannot hold the run; a
 * rejection or an overrun becomes the check's `failed` facts. Never rejects.
 */
export async function runChecks(
  checks: readonly AnyCheck[],
  scope: CheckScope,
  ports: CheckPorts,
  options: RunChecksOptions = {},
): Promise<FactStore> {
  const store = new FactStore();
  await Promise.all(
    checks.map(async (check) => {
      const subjects = check.subjects(scope);
      const limit = check.concurrency === undefined ? null : pLimit(Math.max(1, check.concurrency));
      const runOne = (subject: unknown): Promise<readonly unknown[]> => {
        const timeoutMs = check.timeoutOf?.(subject, scope) ?? scope.timeoutMs;
        return guard(
          () => check.run(subject, { ...ports, scope, timeoutMs }),
          { clock: ports.clock, timeoutMs },
          (error, latencyMs) => check.failed(subject, error, latencyMs),
        );
      };
      const perSubject = await Promise.all(subjects.map((subject) => (limit ? limit(() => runOne(subject)) : runOne(subject))));
      store.set(check.key, perSubject.flat());
      options.onCheckDone?.(check.id);
    }),
  );
  return store;
}
