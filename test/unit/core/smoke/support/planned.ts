import type { CheckContext, CheckVerdict, PlannedCheck, PlannedSuite } from '../../../../../src/main/core/smoke/smoke-check.ts';

/** A planned tcp-kind check whose behaviour the test gives; timeout 1000 ms unless said. */
export function planned(
  suite: string,
  name: string,
  run: (context: CheckContext) => Promise<CheckVerdict>,
  over: Partial<PlannedCheck> = {},
): PlannedCheck {
  return { suite, name, kind: 'tcp', timeoutMs: 1000, target: `${name}:1`, run, ...over };
}

/** A check that passes after `ms` of (fake) clock time. */
export const after =
  (ms: number, verdict: CheckVerdict = { result: 'pass' }) =>
  async (context: CheckContext): Promise<CheckVerdict> => {
    await context.clock.sleep(ms);
    return verdict;
  };

/** A check that passes at once, without touching the clock. */
export const passes = (): Promise<CheckVerdict> => Promise.resolve({ result: 'pass' });

export function suite(name: string, checks: PlannedCheck[]): PlannedSuite {
  return { name, checks };
}
