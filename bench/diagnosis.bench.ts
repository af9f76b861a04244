/**
 * bench/diagnosis (issue 2 §7): is `check` as concurrent as it claims?
 *
 * A 10-service stack (real HTTP servers on 127.0.0.1, real probes through NetworkProbeAdapter, the real
 * discovery reading compose.yaml + stack-doctor.yaml from a temp workspace; only the engine listing is
 * served from memory) where 3 services accept the connection and never answer /health. In the same run:
 *   (a) the slowest single probe alone: one hanging GET with the same timeout — the floor of a concurrent check;
 *   (b) the full check through the diagnosis service (createDiagnosisService → diagnose);
 *   (c) every probe that check made, run one by one — what a sequential check would cost.
 * Then the healthy stack: check against a single health probe. Medians of interleaved rounds; the machine
 * is shared, so only ratios within this run mean anything. Exit 1 when check/slowest exceeds the target
 * (or a timed check diagnosed differently from the recorded one), 2 when the bench's own setup is wrong.
 *
 * Run: npx tsx bench/diagnosis.bench.ts   (env: BENCH_TIMEOUT_MS=300, BENCH_ROUNDS=5, BENCH_HEALTHY_ROUNDS=30)
 */
import { randomUUID } from 'node:crypto';
import { settingsSchema, type Diagnosis, type Settings } from '../src/shared/model/index.ts';
import { NetworkProbeAdapter } from '../src/main/adapters/network/network-probe.adapter.ts';
import { RuntimeSignalsAdapter } from '../src/main/adapters/runtime/runtime-signals.adapter.ts';
import { WorkspaceFilesAdapter } from '../src/main/adapters/workspace/workspace-files.adapter.ts';
import { createDiagnosisService } from '../src/main/app/create-diagnosis-service.ts';
import type { DiagnosisService } from '../src/main/app/diagnosis-service.ts';
import { Emitter } from '../src/shared/lifecycle/emitter.ts';
import { systemClock } from '../src/main/adapters/clock/system-clock.ts';
import { silentLogger, type NetworkProbePort, type SettingsPort } from '../src/main/core/ports/index.ts';
import { startBenchServer, type BenchServer } from './support/bench-servers.ts';
import { BenchEngine, benchContainer, writeBenchWorkspace, type BenchService } from './support/bench-stack.ts';
import { RecordingNet, type ProbeCall } from './support/recording-net.ts';
import { median, ms, table, timed } from './support/stats.ts';

const envInt = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

/** Per-probe timeout, ms: short so the bench runs in seconds, long enough to dwarf scheduling noise. */
const TIMEOUT_MS = envInt('BENCH_TIMEOUT_MS', 300);
const ROUNDS = envInt('BENCH_ROUNDS', 5);
const HEALTHY_ROUNDS = envInt('BENCH_HEALTHY_ROUNDS', 30);
const SERVICE_COUNT = 10;
/** Indexes of the services whose /health hangs (never the first: it doubles as the orchestrator). */
const HANGING = [2, 5, 8];
/** check / slowest single probe must stay within this (issue 2 §7). */
const TARGET_RATIO = 1.2;

function fixedSettings(): SettingsPort {
  const settings: Settings = settingsSchema.parse({ probeTimeoutMs: TIMEOUT_MS });
  return { get: () => settings, update: () => settings, onChange: new Emitter<Settings>().event };
}

class BenchFailure extends Error {}

function expect(condition: boolean, message: string): void {
  if (!condition) throw new BenchFailure(`bench setup is wrong: ${message}`);
}

const timeoutCount = (d: Diagnosis): number =>
  d.services.flatMap((s) => s.probes).filter((p) => p.kind === 'http' && p.error?.code === 'TIMEOUT').length;

function describeCalls(calls: readonly ProbeCall[]): string {
  const kinds = new Map<string, number>();
  for (const call of calls) {
    const kind = call.label.split(' ')[0] ?? '?';
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  return `${calls.length} (${[...kinds].map(([kind, n]) => `${n} ${kind}`).join(', ')})`;
}

async function main(): Promise<number> {
  const servers: BenchServer[] = [];
  const diagnosisServices: DiagnosisService[] = [];
  let removeWorkspace = async (): Promise<void> => undefined;
  try {
    for (let i = 0; i < SERVICE_COUNT; i++) servers.push(await startBenchServer('healthy'));
    const services: BenchService[] = servers.map((server, i) => ({ name: `svc-${String(i + 1).padStart(2, '0')}`, port: server.port }));
    const workspace = await writeBenchWorkspace(services, services[0] as BenchService);
    removeWorkspace = workspace.remove;
    const engine = new BenchEngine(services.map((service, i) => benchContainer(service, workspace.dir, i)));
    const adapter = new NetworkProbeAdapter();
    const makeService = (net: NetworkProbePort): DiagnosisService => {
      const service = createDiagnosisService({
        engine,
        net,
        workspace: new WorkspaceFilesAdapter(),
        runtime: new RuntimeSignalsAdapter({ env: {} }),
        clock: systemClock,
        logger: silentLogger,
        newId: randomUUID,
        settings: fixedSettings(),
        cwd: workspace.dir,
        env: {},
      });
      diagnosisServices.push(service);
      return service;
    };
    const check = (service: DiagnosisService): Promise<Diagnosis> => service.diagnose({ workspace: workspace.dir, timeoutMs: TIMEOUT_MS });
    const hangUrl = `http://127.0.0.1:${(servers[HANGING[0] as number] as BenchServer).port}/health`;
    const okUrl = `http://127.0.0.1:${(servers[0] as BenchServer).port}/health`;

    // 1. Three services hang. A recorded run (also the warm-up) gives the exact probe set of a check.
    for (const i of HANGING) (servers[i] as BenchServer).mode = 'hang';
    const recorder = new RecordingNet(adapter);
    const recorded = await check(makeService(recorder));
    expect(recorded.services.length === SERVICE_COUNT, `${recorded.services.length} services discovered, want ${SERVICE_COUNT}`);
    expect(timeoutCount(recorded) === HANGING.length, `${timeoutCount(recorded)} health probes timed out, want ${HANGING.length}`);
    expect(recorded.orchestrator.decision === 'as-configured', `orchestrator decision ${recorded.orchestrator.decision}`);
    const calls = [...recorder.calls];
    const service = makeService(adapter);
    await adapter.httpGet(hangUrl, TIMEOUT_MS);

    const slowest: number[] = [];
    const concurrent: number[] = [];
    const sequential: number[] = [];
    const ownDuration: number[] = [];
    /** Timed checks whose verdict differs from the recorded one (e.g. probes cut short by the run's guard). */
    const wrongRuns: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Interleaved so that a noisy moment on the shared machine hits all three alike.
      slowest.push(await timed(() => adapter.httpGet(hangUrl, TIMEOUT_MS)));
      concurrent.push(
        await timed(async () => {
          const d = await check(service);
          ownDuration.push(d.durationMs);
          if (timeoutCount(d) !== HANGING.length) wrongRuns.push(`round ${round + 1}: ${timeoutCount(d)} health probes timed out`);
        }),
      );
      sequential.push(
        await timed(async () => {
          for (const call of calls) await call.run(adapter);
        }),
      );
    }

    // 2. The same stack, healthy: every probe answers at once.
    for (const i of HANGING) (servers[i] as BenchServer).mode = 'healthy';
    const healthyRun = await check(service);
    expect(
      healthyRun.verdict === 'healthy',
      `healthy stack diagnosed ${healthyRun.verdict}: ${healthyRun.findings.map((f) => f.id).join(', ')}`,
    );
    for (let i = 0; i < 3; i++) await Promise.all([check(service), adapter.httpGet(okUrl, TIMEOUT_MS)]);
    const single: number[] = [];
    const healthy: number[] = [];
    for (let round = 0; round < HEALTHY_ROUNDS; round++) {
      single.push(await timed(() => adapter.httpGet(okUrl, TIMEOUT_MS)));
      healthy.push(await timed(() => check(service)));
    }

    const [a, b, c, d, e] = [median(slowest), median(concurrent), median(sequential), median(single), median(healthy)];
    const ratio = b / a;
    const pass = ratio <= TARGET_RATIO && wrongRuns.length === 0;
    const row = (label: string, values: number[]): string[] => [
      label,
      ms(median(values)),
      ms(Math.min(...values)),
      ms(Math.max(...values)),
    ];
    const out = [
      `bench/diagnosis — ${SERVICE_COUNT} services, ${HANGING.length} hang until the ${TIMEOUT_MS} ms per-probe timeout`,
      `probes per check: ${describeCalls(calls)}; ${ROUNDS} interleaved rounds, median`,
      '',
      table([
        ['', 'median', 'min', 'max'],
        row('(a) slowest single probe (hanging GET)', slowest),
        row('(b) check, concurrent (wall)', concurrent),
        row('    check, diagnosis.durationMs', ownDuration),
        row('(c) same probes one by one', sequential),
      ]),
      '',
      `check / slowest probe   ${ratio.toFixed(3)}  (target <= ${TARGET_RATIO})  ${ratio <= TARGET_RATIO ? 'PASS' : 'FAIL'}   overhead ${ms(b - a)}`,
      `sequential / check      ${(c / b).toFixed(2)}`,
      '',
      `healthy stack — ${SERVICE_COUNT} services, none hangs; ${HEALTHY_ROUNDS} rounds, median`,
      table([['', 'median', 'min', 'max'], row('(d) single health probe (baseline)', single), row('(e) check, healthy stack', healthy)]),
      '',
      `healthy check           ${ms(e)}  (target: well under 200 ms)  ${e < 200 ? 'ok' : 'SLOW'}`,
      `check / single probe    ${(e / d).toFixed(1)}`,
    ];
    console.log(out.join('\n'));
    if (ratio > TARGET_RATIO) console.error(`FAIL: check took ${ratio.toFixed(3)}x the slowest probe (target <= ${TARGET_RATIO}).`);
    if (wrongRuns.length > 0)
      console.error(`FAIL: timed checks diagnosed differently, want ${HANGING.length} timeouts: ${wrongRuns.join('; ')}`);
    return pass ? 0 : 1;
  } finally {
    await Promise.allSettled(diagnosisServices.map((service) => service.dispose()));
    await Promise.allSettled(servers.map((server) => server.close()));
    await removeWorkspace();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof BenchFailure ? error.message : error);
    process.exitCode = 2;
  },
);
