/**
 * bench/recovery-queue (issue 10 §5): how fast does the recovery engine answer a status query?
 *
 * A RecoveryEngine on the system clock over in-memory ports, holding what a busy stack looks like: 12 services
 * (a dependency chain), 2 plans IN_PROGRESS (actions that never finish), 4 crash-looping services with plans
 * SCHEDULED minutes ahead, 1 awaiting approval, a full history of 200 entries (restored from a snapshot), the rest
 * healthy. A status query is what a Recovery view or `watch --json` asks: `engine.status()` and its JSON text.
 * The baseline, in the same run and interleaved: JSON.stringify of an equal plain object (the cost of only
 * sending the answer). Prints queries per second, p50/p99 latency and the ratio of the two. Exit 1 when the
 * engine does less than 100 queries/s or its p99 reaches 5 ms (the orchestrator's recovery design asks for
 * that); 2 when the bench's setup is wrong.
 *
 * Run: npx tsx bench/recovery-queue.bench.ts   (env: BENCH_QUERIES=5000, BENCH_ROUNDS=5)
 */
import { performance } from 'node:perf_hooks';
import { systemClock } from '../src/main/adapters/clock/system-clock.ts';
import type { RecoveryActions } from '../src/main/core/ports/recovery-actions.port.ts';
import type { RecoveryHealth } from '../src/main/core/ports/recovery-health.port.ts';
import type { RecoveryStore } from '../src/main/core/ports/recovery-store.port.ts';
import { RecoveryEngine } from '../src/main/core/recovery/recovery-engine.ts';
import type { RecoveryHistoryEntry, RecoverySnapshot } from '../src/shared/model/recovery.ts';
import { table } from './support/stats.ts';

const envInt = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

const QUERIES = envInt('BENCH_QUERIES', 5000);
const ROUNDS = envInt('BENCH_ROUNDS', 5);
const TARGET_QPS = 100;
const TARGET_P99_MS = 5;
const SERVICES = Array.from({ length: 12 }, (_, i) => `svc-${String(i + 1).padStart(2, '0')}`);

class BenchFailure extends Error {}

function expect(condition: boolean, message: string): void {
  if (!condition) throw new BenchFailure(`bench setup is wrong: ${message}`);
}

/** Actions that start and never finish (until the engine aborts them): plans stay IN_PROGRESS. */
const hanging = (signal: AbortSignal) =>
  new Promise<{ ok: false; error: { code: string; message: string } }>((resolve) =>
    signal.addEventListener('abort', () => resolve({ ok: false, error: { code: 'ABORTED', message: 'aborted' } })),
  );
const actions: RecoveryActions = {
  start: (_t, signal) => hanging(signal),
  restart: (_t, _s, signal) => hanging(signal),
  recreateWithEnv: (_t, _e, signal) => hanging(signal).then(({ error }) => ({ ok: false, step: 'inspect', rolledBack: true, error })),
  commitRecreate: async () => ({ ok: true }),
  rollbackRecreate: async () => ({ ok: true }),
};
const health: RecoveryHealth = { waitHealthy: async () => ({ ok: true }), check: async () => ({ ok: true }) };

function fullHistory(): RecoveryHistoryEntry[] {
  const start = Date.now() - 200 * 60_000;
  return Array.from({ length: 200 }, (_, i) => ({
    at: new Date(start + i * 60_000).toISOString(),
    planId: `old-${i}`,
    service: SERVICES[i % SERVICES.length] as string,
    action: i % 3 === 0 ? 'restart' : 'start',
    state: i % 4 === 0 ? 'FAILED' : 'SUCCEEDED',
    attempt: (i % 5) + 1,
    reason: i % 4 === 0 ? 'not healthy after start: waiting for healthy timed out after 30000 ms' : 'healthy after start',
    durationMs: 400 + (i % 7) * 100,
  }));
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

/** Runs `query` QUERIES times, each timed; returns per-query latencies (ms) and the total wall time (ms). */
function measure(query: () => unknown): { latencies: number[]; wallMs: number } {
  const latencies = new Array<number>(QUERIES);
  let sink = 0;
  const wallStart = performance.now();
  for (let i = 0; i < QUERIES; i++) {
    const t0 = performance.now();
    const out = query();
    latencies[i] = performance.now() - t0;
    sink += typeof out === 'string' ? out.length : 1;
  }
  const wallMs = performance.now() - wallStart;
  if (sink === 0) throw new BenchFailure('queries produced nothing');
  return { latencies, wallMs };
}

async function main(): Promise<number> {
  let stored: RecoverySnapshot | undefined = {
    version: 1,
    savedAt: new Date().toISOString(),
    status: { running: true, parallelism: 2, active: [], queued: [], services: [] },
    history: fullHistory(),
  };
  const store: RecoveryStore = {
    load: async () => stored,
    save: async (snapshot) => {
      stored = snapshot;
    },
  };
  let ids = 0;
  const engine = new RecoveryEngine({ clock: systemClock, actions, health, store, newId: () => `plan-${++ids}` });
  try {
    // svc-02…09 form a dependency chain; svc-10 recovers only with approval; svc-11/12 count any run as stable.
    const policyOf = (name: string) =>
      name === 'svc-10'
        ? { strategy: 'manual' as const }
        : { initialDelayMs: 120_000, maxDelayMs: 600_000, stableAfterMs: name >= 'svc-11' ? 0 : 10_000 };
    engine.setStack({
      config: { project: 'bench' },
      services: SERVICES.map((name, i) => ({
        name,
        dependsOn: i > 0 && i < 9 ? [SERVICES[i - 1] as string] : [],
        containerId: `${name}-container`,
        policy: policyOf(name),
      })),
    });
    expect((await engine.restore()).ok, 'snapshot not restored');
    for (const name of SERVICES) engine.observe({ kind: 'container-started', service: name, containerId: `${name}-container` });
    for (const name of SERVICES) engine.observe({ kind: 'health-probe', service: name, result: 'ok' });
    // Unhealthy after a stable run: recovered at once; the two take both parallel slots and hang there.
    for (const name of ['svc-11', 'svc-12']) engine.observe({ kind: 'docker-health', service: name, status: 'unhealthy' });
    // Crashes within the stability window back off (120 s and up): SCHEDULED plans. Their dependencies are up.
    for (const name of ['svc-02', 'svc-04', 'svc-06', 'svc-08'])
      engine.observe({ kind: 'container-died', service: name, exitCode: 1, oom: false });
    engine.observe({ kind: 'container-died', service: 'svc-10', exitCode: 1, oom: false });
    const status = engine.status();
    expect(status.active.length === 2, `${status.active.length} active plans, want 2`);
    expect(status.queued.length === 5, `${status.queued.length} queued plans, want 5`);
    expect(engine.historyEntries().length === 200, `${engine.historyEntries().length} history entries, want 200`);

    const plain = structuredClone(status);
    const engineQuery = (): string => JSON.stringify(engine.status());
    const baselineQuery = (): string => JSON.stringify(plain);
    expect(engineQuery() === baselineQuery(), 'the baseline object differs from the status');
    measure(engineQuery); // warm-up: JIT, both paths
    measure(baselineQuery);

    const runs = { engine: [] as number[], baseline: [] as number[], engineWall: 0, baselineWall: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const e = measure(engineQuery);
      const b = measure(baselineQuery);
      runs.engine.push(...e.latencies);
      runs.baseline.push(...b.latencies);
      runs.engineWall += e.wallMs;
      runs.baselineWall += b.wallMs;
    }
    const sortedE = [...runs.engine].sort((a, b) => a - b);
    const sortedB = [...runs.baseline].sort((a, b) => a - b);
    const qpsE = (runs.engine.length / runs.engineWall) * 1000;
    const qpsB = (runs.baseline.length / runs.baselineWall) * 1000;
    const [p50E, p99E, p50B, p99B] = [
      percentile(sortedE, 0.5),
      percentile(sortedE, 0.99),
      percentile(sortedB, 0.5),
      percentile(sortedB, 0.99),
    ];
    const us = (ms: number): string => `${(ms * 1000).toFixed(1)} µs`;
    const pass = qpsE >= TARGET_QPS && p99E < TARGET_P99_MS;
    console.log(
      [
        `bench/recovery-queue — ${SERVICES.length} services, ${status.active.length} active, ${status.queued.length} queued, 200 history entries`,
        `${ROUNDS} interleaved rounds × ${QUERIES} queries; status JSON ${engineQuery().length} bytes`,
        '',
        table([
          ['', 'queries/s', 'p50', 'p99', 'max'],
          ['status query: engine.status() + JSON', qpsE.toFixed(0), us(p50E), us(p99E), us(sortedE.at(-1) ?? 0)],
          ['baseline: JSON of an equal plain object', qpsB.toFixed(0), us(p50B), us(p99B), us(sortedB.at(-1) ?? 0)],
        ]),
        '',
        `engine / baseline (time per query)  ${(qpsB / qpsE).toFixed(2)}   p99 ratio ${(p99E / p99B).toFixed(2)}`,
        `target: >= ${TARGET_QPS} queries/s and p99 < ${TARGET_P99_MS} ms   ${pass ? 'PASS' : 'FAIL'}   (${(qpsE / TARGET_QPS).toFixed(0)}x the rate asked for)`,
      ].join('\n'),
    );
    return pass ? 0 : 1;
  } finally {
    await engine.dispose();
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
