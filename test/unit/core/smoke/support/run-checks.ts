import { planSuites, type SmokePorts } from '../../../../../src/main/core/smoke/plan-suites.ts';
import { runSmoke } from '../../../../../src/main/core/smoke/run-smoke.ts';
import { smokeConfigSchema, type SmokeCheckResult } from '../../../../../src/shared/model/index.ts';
import { FakeClock } from '../../../support/fake-clock.ts';
import { answered, fakeHttp, fakeNet } from './fake-ports.ts';

/** Parses `checks` as one suite `s` (so defaults apply as from a file), runs it on a FakeClock, returns the rows. */
export async function runChecks(checks: unknown[], ports: Partial<SmokePorts>, suiteTimeoutMs?: number): Promise<SmokeCheckResult[]> {
  const config = smokeConfigSchema.parse({ suites: { s: { checks, ...(suiteTimeoutMs ? { timeoutMs: suiteTimeoutMs } : {}) } } });
  const all: SmokePorts = { http: fakeHttp(() => answered(200)), net: fakeNet([], []), ...ports };
  const result = await runSmoke(planSuites(config, all), new FakeClock());
  if (!result.ok) throw new Error(result.error.message);
  return result.scoreboard.results;
}

export const brief = (results: SmokeCheckResult[]) =>
  results.map(({ check, result, reason, target }) => ({ check, result, reason, target }));
