/**
 * bench/recovery (issue 10 §5): does `stack-doctor watch` react to the engine within the targets, recover a crash as
 * fast as Docker's own `restart: always`, keep a crash loop bounded, and stay cheap when idle?
 *
 * Whole processes against the real engine: the built CLI (`node bin/stack-doctor.js watch --json`, out/cli; run
 * `npm run build` first) on compose-labelled containers whose working dir is a temp workspace (so `watch`
 * supervises exactly them), and a parallel `docker events` subscription (dockerode getEvents) that supplies the
 * engine's own event times (`timeNano`). Phases, one after the other:
 *
 * 1. rounds (BENCH_ROUNDS, default 5), each after `web`, its twin and `db` have been up 10.5 s (stable for both
 *    Docker's restart manager and Stack Doctor): `web` (supervised) and `twin` (outside the stack, `restart:
 *    always`) crash from inside at the same instant (an exec touches a file, PID 1 exits 1):
 *    - die → the watch child's `service-state` line as the bench reads it (target ≤ 50 ms, median; the max is
 *      printed); the same-run floor is the bench's own subscription reading the same `die`;
 *    - die → next start of each (engine times): watch / restart:always, median of the per-round ratios ≤ 1.1;
 *    then `db` (HEALTHCHECK `test ! -f /tmp/sick`, interval 1 s, 1 retry) is made unhealthy: `health_status:
 *    unhealthy` → the engine's first kill/stop/restart of `db` (target: median ≤ 50 ms); its twin outside the stack,
 *    made unhealthy at the same time, is restarted by the bench itself as soon as its subscription reads the event
 *    (a bare reactor, like a shell loop over `docker events`): the same-run baseline.
 * 2. crash loop: a service that always exits 1, under `watch` with the default policy, started once by the bench:
 *    starts the engine saw over BENCH_LOOP_S (default 45) s (target 2…8).
 * 3. idle: `watch` on a healthy 10-service stack, settled; CPU (utime+stime) and VmRSS of the child over BENCH_IDLE_S
 *    (default 30) s (targets < 1 % of one core, < 150 MB); the same-run baseline is a bare `node` process.
 * 4. status queries: bench/recovery-queue.bench.ts as a child (target ≥ 100/s, p99 < 5 ms), its figures folded in.
 *
 * Exit 0 when every target holds, 1 when one does not, 2 on a setup error. Everything created carries the fixture's
 * `stack-doctor.test=<runId>` label and is removed at the end, on failure and on SIGINT/SIGTERM; a detached guard
 * process (support/cleanup-guard.ts) removes it should the bench itself be killed (`npx tsx` SIGKILLs a child that is
 * slow to acknowledge a relayed Ctrl-C on a loaded machine).
 *
 * Run: npm run build && npx tsx bench/recovery.bench.ts   (env: BENCH_ROUNDS, BENCH_LOOP_S, BENCH_IDLE_S)
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import Docker from 'dockerode';
import { ensureTestImage } from '../test/integration/support/busybox-image.ts';
import { RUN_LABEL } from '../test/integration/support/docker-cleanup.ts';
import { createDockerFixtureCore, type CreatedContainer } from '../test/integration/support/docker-fixture-core.ts';
import { startCleanupGuard } from './support/cleanup-guard.ts';
import { composeWorkspace, type ComposeWorkspace } from './support/compose-workspace.ts';
import { engineEvent, openEngineEventLog, type EngineEventLog } from './support/engine-event-log.ts';
import {
  ALWAYS_CRASHING,
  CRASH_ON_DEMAND,
  SICK_ON_DEMAND,
  clockTicks,
  crashRound,
  readyWatch,
  sleep,
  unhealthyRound,
  waitStable,
  waitWatchState,
  type CrashRound,
  type UnhealthyRound,
} from './support/recovery-phases.ts';
import { median, table } from './support/stats.ts';
import { procUsage, serviceState, type WatchChild } from './support/watch-child.ts';
import { errorMessage } from '../src/shared/error-message.ts';

const envInt = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};
const ROUNDS = envInt('BENCH_ROUNDS', 5);
const LOOP_S = envInt('BENCH_LOOP_S', 45);
const IDLE_S = envInt('BENCH_IDLE_S', 30);
const IDLE_SERVICES = 10;
/** Up this long counts as a stable run for Docker (10 s) and Stack Doctor (stableAfterMs, 10 s): margin included. */
const STABLE_MS = 10_500;
const repo = resolve(import.meta.dirname, '..');

class BenchFailure extends Error {}

/** One gated figure. */
interface Figure {
  name: string;
  value: string;
  target: string;
  pass: boolean;
}

const f1 = (ms: number): string => (Number.isFinite(ms) ? `${ms.toFixed(1)} ms` : 'never');

const docker = new Docker();
const fixture = createDockerFixtureCore(docker, `bench-recovery-${process.pid}`);
const guard = startCleanupGuard(`${RUN_LABEL}=${fixture.runId}`);
const watches: WatchChild[] = [];
const track = (w: WatchChild): void => {
  watches.push(w);
  if (w.child.pid !== undefined) guard.pid(w.child.pid);
};
const workspaces: ComposeWorkspace[] = [];
let log: EngineEventLog | undefined;
let cleaning: Promise<void> | undefined;

/** Stops every watch child, closes the subscription, removes every container/network and temp folder. Idempotent. */
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await Promise.all(watches.map((w) => w.stop(5000).catch(() => undefined)));
    log?.dispose();
    await fixture.dispose();
    await Promise.all(workspaces.map((ws) => ws.dispose().catch(() => undefined)));
  })();
  return cleaning;
}

async function workspace(name: string, config?: string): Promise<ComposeWorkspace> {
  const ws = await composeWorkspace(`sd-bench-recovery-${name}-`, fixture.unique(name), config);
  workspaces.push(ws);
  guard.dir(ws.root);
  return ws;
}

/** `db`'s and its twin's: unhealthy once `/tmp/sick` exists, checked every second, one failure is enough. */
const HEALTHCHECK = { test: ['CMD-SHELL', 'test ! -f /tmp/sick'], intervalMs: 1000, timeoutMs: 1000, retries: 1 };

/** Phase 1: crash rounds (web vs its restart:always twin) interleaved with unhealthy rounds (db). */
async function rounds(): Promise<{ crash: CrashRound[]; unhealthy: UnhealthyRound[] }> {
  // maxAttempts: the rounds' recoveries must not use up the default 5 attempts (they reset only after 10 min healthy).
  const ws = await workspace('rounds', 'recovery:\n  defaults:\n    maxAttempts: 1000\n');
  const web = await fixture.container({ name: 'web', labels: ws.labels('web'), cmd: CRASH_ON_DEMAND });
  const twin = await fixture.container({ name: 'twin', cmd: CRASH_ON_DEMAND, restartPolicy: { name: 'always' } });
  const db = await fixture.container({
    name: 'db',
    labels: ws.labels('db'),
    cmd: SICK_ON_DEMAND,
    healthcheck: HEALTHCHECK,
  });
  const dbTwin = await fixture.container({ name: 'db-twin', cmd: SICK_ON_DEMAND, healthcheck: HEALTHCHECK });
  const w = await readyWatch(ws, track);
  await fixture.waitForHealth(db.id, 'healthy');
  const crash: CrashRound[] = [];
  const unhealthy: UnhealthyRound[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    await waitStable(fixture, [web.id, twin.id, db.id, dbTwin.id], STABLE_MS);
    await waitWatchState(w, ['web', 'db'], 'healthy');
    const c = await crashRound(docker, log as EngineEventLog, w, web, twin);
    crash.push(c);
    const u = await unhealthyRound(docker, log as EngineEventLog, w, db, dbTwin);
    unhealthy.push(u);
    console.error(
      `round ${round}: die→state ${f1(c.dieToStateMs)} (${c.state}), recovery watch ${f1(c.watchRecoveryMs)} / restart:always ${f1(c.dockerRecoveryMs)}, unhealthy→${u.action} ${f1(u.unhealthyToRestartMs)} (bare reactor ${f1(u.baselineMs)})`,
    );
  }
  await w.stop();
  if (w.invalid.length > 0) throw new BenchFailure(`watch printed ${w.invalid.length} invalid lines, e.g. ${w.invalid[0]}`);
  return { crash, unhealthy };
}

/** Phase 2: an always-crashing service under the default policy; the starts the engine saw. */
async function crashLoop(): Promise<{ starts: number; states: string[] }> {
  const ws = await workspace('loop');
  const crasher = await fixture.container({ name: 'crasher', labels: ws.labels('crasher'), cmd: ALWAYS_CRASHING, start: false });
  const w = await readyWatch(ws, track);
  const from = (log as EngineEventLog).events.length;
  const wFrom = w.events.length;
  const t0 = Date.now();
  await docker.getContainer(crasher.id).start();
  await sleep(LOOP_S * 1000);
  const starts = (log as EngineEventLog).events
    .slice(from)
    .filter((e) => engineEvent(crasher.id, 'start')(e) && e.arrivedMs <= t0 + LOOP_S * 1000).length;
  const states = w.events.slice(wFrom).flatMap((e) => (e.event.type === 'service-state' ? [e.event.state] : []));
  await w.stop();
  return { starts, states };
}

interface IdleFigures {
  cpuPercent: number;
  rssMaxMb: number;
  baselineCpuPercent: number;
  baselineRssMaxMb: number;
}

/** Phase 3: idle watch on a healthy 10-service stack; a bare node process sampled alongside is the baseline. */
async function idle(): Promise<IdleFigures> {
  const ws = await workspace('idle');
  const names = Array.from({ length: IDLE_SERVICES }, (_, i) => `svc-${String(i + 1).padStart(2, '0')}`);
  const created: CreatedContainer[] = [];
  for (const name of names) created.push(await fixture.container({ name, labels: ws.labels(name), cmd: ['sleep', '3600'] }));
  const w = await readyWatch(ws, track);
  for (const name of names)
    await w.waitFor(serviceState(name, 'healthy'), 40_000, `${name} healthy`).catch((error: unknown) => {
      const lines = w.events.filter((e) => serviceState(name)(e.event)).map((e) => JSON.stringify(e.event));
      throw new Error(`${errorMessage(error)}\n${name}'s lines:\n${lines.join('\n') || 'none'}`);
    });
  const bare = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
  if (bare.pid !== undefined) guard.pid(bare.pid);
  const bareUsage = () => procUsage(bare.pid as number);
  try {
    await sleep(3000); // settle: the start-up's garbage collected, timers in their steady rhythm
    const ticks = await clockTicks();
    const [w0, b0] = [await w.usage(), await bareUsage()];
    let rssMax = w0.rssKb;
    let bareRssMax = b0.rssKb;
    const start = Date.now();
    for (let s = 0; s < IDLE_S; s++) {
      await sleep(1000);
      rssMax = Math.max(rssMax, (await w.usage()).rssKb);
      bareRssMax = Math.max(bareRssMax, (await bareUsage()).rssKb);
    }
    const [w1, b1] = [await w.usage(), await bareUsage()];
    const seconds = (Date.now() - start) / 1000;
    const eventsDuring = w.events.filter((e) => e.arrivedMs >= start).length;
    if (eventsDuring > 0) console.error(`idle: watch printed ${eventsDuring} events while measured`);
    return {
      cpuPercent: ((w1.ticks - w0.ticks) / ticks / seconds) * 100,
      rssMaxMb: rssMax / 1024,
      baselineCpuPercent: ((b1.ticks - b0.ticks) / ticks / seconds) * 100,
      baselineRssMaxMb: bareRssMax / 1024,
    };
  } finally {
    bare.kill('SIGKILL');
    await w.stop();
  }
}

/** Phase 4: bench/recovery-queue as a child; its output and verdict. */
function statusQueries(): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/recovery-queue.bench.ts'], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('close', (code) => done({ code, output }));
  });
}

async function main(): Promise<number> {
  await ensureTestImage(docker);
  log = await openEngineEventLog(docker, `${RUN_LABEL}=${fixture.runId}`);
  const { crash, unhealthy } = await rounds();
  const loop = await crashLoop();
  const still = await idle();
  const queue = await statusQueries();
  if (queue.code === 2 || queue.code === null) throw new BenchFailure(`bench/recovery-queue could not run:\n${queue.output}`);

  const ratios = crash.map((c) => c.watchRecoveryMs / c.dockerRecoveryMs);
  const dieToState = median(crash.map((c) => c.dieToStateMs));
  const unhealthyMedian = median(unhealthy.map((u) => u.unhealthyToRestartMs));
  const ratio = median(ratios);
  const qLine = /status query: engine\.status\(\) \+ JSON\s+(\d+)\s+([\d.]+ µs)\s+([\d.]+ µs)/.exec(queue.output);
  const figures: Figure[] = [
    { name: 'die → service-state line (median)', value: f1(dieToState), target: '≤ 50 ms', pass: dieToState <= 50 },
    {
      name: 'health_status: unhealthy → restart initiated (median)',
      value: f1(unhealthyMedian),
      target: '≤ 50 ms',
      pass: unhealthyMedian <= 50,
    },
    { name: 'recovery: watch / restart:always (median ratio)', value: ratio.toFixed(3), target: '≤ 1.1', pass: ratio <= 1.1 },
    {
      name: `always-crashing: starts in ${LOOP_S} s`,
      value: String(loop.starts),
      target: '2 … 8',
      pass: loop.starts >= 2 && loop.starts <= 8,
    },
    {
      name: `idle watch, ${IDLE_SERVICES} services: CPU`,
      value: `${still.cpuPercent.toFixed(2)} %`,
      target: '< 1 % of a core',
      pass: still.cpuPercent < 1,
    },
    {
      name: `idle watch, ${IDLE_SERVICES} services: RSS (max)`,
      value: `${still.rssMaxMb.toFixed(1)} MB`,
      target: '< 150 MB',
      pass: still.rssMaxMb < 150,
    },
    {
      name: 'status queries (bench/recovery-queue)',
      value: qLine ? `${qLine[1]}/s, p99 ${qLine[3]}` : 'unparsed',
      target: '≥ 100/s, p99 < 5 ms',
      pass: queue.code === 0,
    },
  ];
  const num = (xs: number[]): string => xs.map((x) => (Number.isFinite(x) ? x.toFixed(1) : '∞')).join(' ');
  console.log(
    [
      `bench/recovery — ${ROUNDS} rounds, crash loop ${LOOP_S} s, idle ${IDLE_S} s; engine event times (timeNano) vs the bench's clock`,
      '',
      table([
        ['per round (ms)', ...crash.map((_, i) => `#${i + 1}`)],
        ['die → service-state line read', ...crash.map((c) => c.dieToStateMs.toFixed(1))],
        ['die → the line\'s own "at"', ...crash.map((c) => c.dieToStateAtMs.toFixed(1))],
        ['die → plain docker-events subscriber', ...crash.map((c) => c.dieToSubscriberMs.toFixed(1))],
        ['die → recovery IN_PROGRESS line', ...crash.map((c) => c.dieToActMs.toFixed(1))],
        ['die → start, watch', ...crash.map((c) => c.watchRecoveryMs.toFixed(1))],
        ['die → start, restart:always twin', ...crash.map((c) => c.dockerRecoveryMs.toFixed(1))],
        ['ratio watch / restart:always', ...ratios.map((r) => r.toFixed(3))],
        ['unhealthy → restart initiated, watch', ...unhealthy.map((u) => u.unhealthyToRestartMs.toFixed(1))],
        ['unhealthy → IN_PROGRESS line\'s own "at"', ...unhealthy.map((u) => u.decidedMs.toFixed(1))],
        ['unhealthy → restart initiated, bare reactor', ...unhealthy.map((u) => u.baselineMs.toFixed(1))],
      ]),
      '',
      `die → state: max ${num([Math.max(...crash.map((c) => c.dieToStateMs))])} ms; plain subscriber median ${f1(median(crash.map((c) => c.dieToSubscriberMs)))} (the same-run floor); states ${[...new Set(crash.map((c) => c.state))].join(', ')}`,
      `unhealthy → restart: bare reactor (the bench's own subscription calling restart) median ${f1(median(unhealthy.map((u) => u.baselineMs)))}; watch / bare reactor ${(unhealthyMedian / median(unhealthy.map((u) => u.baselineMs))).toFixed(2)}`,
      `recovery medians: watch ${f1(median(crash.map((c) => c.watchRecoveryMs)))}, restart:always ${f1(median(crash.map((c) => c.dockerRecoveryMs)))}; restart began with: ${[...new Set(unhealthy.map((u) => u.action))].join(', ')}`,
      `crash loop: ${loop.starts} starts; states ${loop.states.join(' → ')}`,
      `idle baseline (bare node process, same run): CPU ${still.baselineCpuPercent.toFixed(2)} %, RSS ${still.baselineRssMaxMb.toFixed(1)} MB; watch / baseline RSS ${(still.rssMaxMb / still.baselineRssMaxMb).toFixed(2)}`,
      '',
      queue.output.trimEnd().replace(/^/gm, '  | '),
      '',
      table([['figure', 'value', 'target', ''], ...figures.map((f) => [f.name, f.value, f.target, f.pass ? 'PASS' : 'FAIL'])]),
    ].join('\n'),
  );
  return figures.every((f) => f.pass) ? 0 : 1;
}

const onSignal = (signal: NodeJS.Signals): void => {
  console.error(`bench/recovery: ${signal}, cleaning up`);
  void cleanup().finally(() => process.exit(130));
};
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);

main()
  .then(
    (code) => code,
    (error: unknown) => {
      console.error(`bench/recovery: setup error: ${errorMessage(error)}`);
      return 2;
    },
  )
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  });
