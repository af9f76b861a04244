/**
 * bench/scale (issue 9 §2): does `check` stay fast on a 200-container project, and does the process end
 * when it has printed?
 *
 * Builds 200 labelled containers on the real engine (one network; compose projects of 50, 50 and 100, so
 * N = 50, 100, 200 diagnose 1, 2, 3 projects of the same containers; in each project every service calls
 * the next by alias and the last calls an alias nothing answers to), then for each N runs the whole CLI
 * process `node bin/stack-doctor.js check --json --project …` in an empty workspace, in interleaved rounds.
 * Per N it prints the medians of: the diagnosis' own `durationMs` (in process), the time until the JSON
 * was printed, the whole process wall time, and the execs the ENGINE saw (its `exec_create` events for
 * these containers; most in flight at once from `exec_start`/`exec_die`). Exit 1 when a target is missed
 * at the largest N or a missing alias was not found; 2 when the setup is wrong.
 *
 * Run: npx tsx bench/scale.bench.ts
 * env: BENCH_ROUNDS=3, BENCH_SIZES=50,50,100, BENCH_TIMEOUT_MS (passed as --timeout; default: the CLI's 1500), BENCH_SCALE_IMAGE=busybox (busybox only, no getent: one exec per name), BENCH_KEEP=1
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Docker from 'dockerode';
import type { Diagnosis } from '../src/shared/model/index.ts';
import { TEST_IMAGE, ensureTestImage } from '../test/integration/support/busybox-image.ts';
import { RUN_LABEL } from '../test/integration/support/docker-cleanup.ts';
import { createDockerFixtureCore, type DockerFixture } from '../test/integration/support/docker-fixture-core.ts';
import { ensureGetentImage } from '../test/integration/core/checks/support/getent-image.ts';
import { execCounter, type ExecWindow } from './support/exec-counter.ts';
import { buildScaleStack, type ScaleProject } from './support/scale-stack.ts';
import { median, table } from './support/stats.ts';

const ROUNDS = Math.max(1, Number(process.env['BENCH_ROUNDS']) || 3);
/** Containers per compose project; N is diagnosed as the first 1, 2, 3 projects. */
const SIZES = (process.env['BENCH_SIZES'] ?? '50,50,100').split(',').map(Number);
/** Targets at the largest N (ms): the diagnosis in process, and the whole process. */
const TARGET_DIAGNOSIS_MS = 1_000;
const TARGET_PROCESS_MS = 3_000;

interface Round {
  durationMs: number;
  printedMs: number;
  exitMs: number;
  execs: ExecWindow;
  missingFound: number;
  consumers: number;
  /** Services and findings, for a setup error. */
  summary: string;
  /** When each phase and check ended, ms into the diagnosis (from the CLI's log). */
  timings: string;
}

/** One whole `check --json` process: when its JSON was printed, when it ended, and the JSON. */
function runCheck(workspace: string, projects: readonly ScaleProject[]): Promise<{ printedMs: number; exitMs: number; json: string }> {
  const timeout = process.env['BENCH_TIMEOUT_MS'] ? ['--timeout', process.env['BENCH_TIMEOUT_MS']] : [];
  const args = [
    'bin/stack-doctor.js',
    'check',
    '--json',
    ...timeout,
    '--workspace',
    workspace,
    '--project',
    ...projects.map((p) => p.name),
  ];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // Settings, log and code cache of the bench's own: the log's last "diagnosis finished" line says where the time
    // went; the first run compiles the CLI and stores its code cache, as a user's first run does.
    const env = {
      ...process.env,
      STACK_DOCTOR_CONFIG_DIR: join(workspace, '.config'),
      STACK_DOCTOR_LOG_DIR: join(workspace, '.logs'),
      STACK_DOCTOR_CACHE_DIR: join(workspace, '.cache'),
    };
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env });
    running.add(child);
    child.on('close', () => running.delete(child));
    let json = '';
    let printedMs = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      json += chunk.toString('utf8');
      printedMs = performance.now() - started;
    });
    child.on('error', reject);
    child.on('close', () => resolve({ printedMs, exitMs: performance.now() - started, json }));
  });
}

async function measure(
  workspace: string,
  projects: readonly ScaleProject[],
  counter: Awaited<ReturnType<typeof execCounter>>,
): Promise<Round> {
  counter.open();
  const { printedMs, exitMs, json } = await runCheck(workspace, projects);
  const execs = await counter.close();
  const diagnosis = JSON.parse(json) as Diagnosis;
  const probes = diagnosis.services.flatMap((s) => s.probes.filter((p) => p.kind === 'dns-container'));
  const missingFound = projects.filter((p) =>
    probes.some((probe) => probe.target === p.missing && probe.ok === false && probe.detail?.['tool']),
  ).length;
  const summary = `${diagnosis.services.length} services, findings ${diagnosis.findings.map((f) => f.id).join(', ')}`;
  const timings = await lastTimings(join(workspace, '.logs', 'stack-doctor.log'));
  return { durationMs: diagnosis.durationMs, printedMs, exitMs, execs, missingFound, consumers: probes.length, summary, timings };
}

/** The phase timings (ms since the diagnosis started) of the log's last finished diagnosis, as one line. */
async function lastTimings(log: string): Promise<string> {
  const lines = (await readFile(log, 'utf8').catch(() => '')).split('\n').filter((line) => line.includes('"diagnosis finished"'));
  const last = lines.at(-1);
  if (!last) return '';
  const timings = (JSON.parse(last) as { timings?: Record<string, number> }).timings ?? {};
  return Object.entries(timings)
    .map(([phase, ms]) => `${phase} ${ms}`)
    .join(', ');
}

/** The `check` processes running now, ended on an interruption. */
const running = new Set<ChildProcess>();

/**
 * On SIGINT, SIGTERM or SIGHUP: stop creating containers, end the running `check`, wait for the creates in
 * flight, remove everything carrying the fixture's label, then exit 130. A wedged or interrupted run must not
 * leave 200 containers on a shared engine.
 */
function cleanUpOnInterrupt(fixture: DockerFixture, stop: AbortController, building: () => Promise<unknown>): () => void {
  let cleaning = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (cleaning) return;
    cleaning = true;
    console.error(`\n${signal}: removing the bench's containers and network (label ${RUN_LABEL}=${fixture.runId})…`);
    stop.abort();
    for (const child of running) child.kill('SIGTERM');
    void building()
      .catch(() => undefined)
      .then(() => fixture.dispose())
      .finally(() => process.exit(130));
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}

async function main(): Promise<number> {
  const docker = new Docker();
  const busyboxOnly = process.env['BENCH_SCALE_IMAGE'] === 'busybox';
  await ensureTestImage(docker);
  const image = busyboxOnly ? TEST_IMAGE : await ensureGetentImage(docker);
  const workspace = await mkdtemp(join(tmpdir(), 'stack-doctor-scale-'));
  const fixture = createDockerFixtureCore(docker);
  const stop = new AbortController();
  let building: Promise<unknown> = Promise.resolve();
  const removeHandlers = cleanUpOnInterrupt(fixture, stop, () => building);
  console.log(`Building ${SIZES.reduce((a, b) => a + b, 0)} containers of ${image} on one network (4 at once)…`);
  let counter: Awaited<ReturnType<typeof execCounter>> | undefined;
  try {
    const built = buildScaleStack(docker, image, SIZES, { fixture, signal: stop.signal });
    building = built;
    const stack = await built;
    // Interrupted while building: the cleanup runs and exits; measure nothing.
    if (stop.signal.aborted) return await new Promise<number>(() => undefined);
    counter = await execCounter(docker, `${RUN_LABEL}=${fixture.runId}`);
    console.log(`built in ${stack.buildSeconds.toFixed(1)} s (network ${stack.network})`);
    const cases = [1, 2, 3].map((k) => stack.projects.slice(0, k));
    const byN = new Map<number, Round[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const projects of cases) {
        if (stop.signal.aborted) return await new Promise<number>(() => undefined);
        const n = projects.reduce((sum, p) => sum + p.services.length, 0);
        const result = await measure(workspace, projects, counter);
        console.log(
          `round ${round + 1}, N=${n}: durationMs ${result.durationMs.toFixed(0)}, printed ${result.printedMs.toFixed(0)} ms, ended ${result.exitMs.toFixed(0)} ms, ${result.execs.created} execs\n  ended at (ms): ${result.timings}`,
        );
        if (result.consumers !== n) throw new SetupError(`N=${n}: ${result.consumers} dns-container probes, want ${n} (${result.summary})`);
        byN.set(n, [...(byN.get(n) ?? []), result]);
      }
    }
    const rows = [['N', 'durationMs', 'JSON printed', 'process ends', 'execs', 'max in flight', 'unfinished', 'missing found']];
    for (const [n, rounds] of byN) {
      const m = (pick: (r: Round) => number): string => median(rounds.map(pick)).toFixed(0);
      rows.push([
        String(n),
        `${m((r) => r.durationMs)} ms`,
        `${m((r) => r.printedMs)} ms`,
        `${m((r) => r.exitMs)} ms`,
        m((r) => r.execs.created),
        m((r) => r.execs.maxInFlight),
        m((r) => r.execs.unfinished),
        `${m((r) => r.missingFound)}/${[...byN.keys()].indexOf(n) + 1}`,
      ]);
    }
    console.log(`\n${ROUNDS} rounds, medians (whole process: node bin/stack-doctor.js check --json --project …):\n`);
    console.log(table(rows));
    const largest = [...byN.values()].at(-1) ?? [];
    const diagnosis = median(largest.map((r) => r.durationMs));
    const whole = median(largest.map((r) => r.exitMs));
    const missing = [...byN.values()].every((rounds) => rounds.every((r, _, all) => r.missingFound === all[0]?.missingFound));
    const found = largest.every((r) => r.missingFound === stack.projects.length);
    console.log(
      `\nN=${[...byN.keys()].at(-1)}: diagnosis ${diagnosis.toFixed(0)} ms (target < ${TARGET_DIAGNOSIS_MS}), whole process ${whole.toFixed(0)} ms (target < ${TARGET_PROCESS_MS}); every missing alias found: ${found && missing}`,
    );
    return diagnosis < TARGET_DIAGNOSIS_MS && whole < TARGET_PROCESS_MS && found ? 0 : 1;
  } finally {
    counter?.dispose();
    if (process.env['BENCH_KEEP'] !== '1') await fixture.dispose();
    removeHandlers();
    await rm(workspace, { recursive: true, force: true });
  }
}

class SetupError extends Error {}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = error instanceof SetupError ? 2 : 1;
  },
);
