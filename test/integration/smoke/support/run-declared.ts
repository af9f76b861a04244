import { systemClock } from '../../../../src/main/adapters/clock/system-clock.ts';
import { NetworkProbeAdapter } from '../../../../src/main/adapters/network/network-probe.adapter.ts';
import { httpRequestAdapter } from '../../../../src/main/adapters/smoke/http-request.adapter.ts';
import { planSuites, type SmokePorts } from '../../../../src/main/core/smoke/plan-suites.ts';
import { runSmoke, type SmokeRunOptions } from '../../../../src/main/core/smoke/run-smoke.ts';
import { smokeConfigSchema, smokeScoreboardSchema, type SmokeScoreboard } from '../../../../src/shared/model/index.ts';

/**
 * Parses `smoke` as the `smoke:` section of a stack-doctor.yaml would be, plans it over the real adapters
 * (node:http requests, the network probe adapter, the system clock) plus the given ports, and runs it.
 */
export async function runDeclared(
  smoke: unknown,
  ports: Partial<SmokePorts> = {},
  options: SmokeRunOptions = {},
): Promise<SmokeScoreboard> {
  const config = smokeConfigSchema.parse(smoke);
  const all: SmokePorts = { http: httpRequestAdapter, net: new NetworkProbeAdapter(), ...ports };
  const run = await runSmoke(planSuites(config, all), systemClock, { concurrency: config.concurrency, ...options });
  if (!run.ok) throw new Error(run.error.message);
  return smokeScoreboardSchema.parse(run.scoreboard);
}

/** `check → [result, reason]`, for compact assertions. */
export function outcomes(board: SmokeScoreboard): Record<string, [string, string | undefined]> {
  return Object.fromEntries(board.results.map((r) => [r.check, [r.result, r.reason]]));
}
