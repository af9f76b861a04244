/**
 * bench/cli-startup: how long a whole `stack-doctor check --json` process takes on a healthy 10-service stack on
 * the real engine, against `node -e 0` alternated in the same run (the machine is noisy; the ratio is what counts).
 * Also reports `--help` and `--version`. Target (issue 9 §1): median check / node ≤ 5.
 *
 *   npx tsx bench/cli-startup.bench.ts          # BENCH_ROUNDS=15 by default
 *   STACK_DOCTOR_BIN=/path/to/stack-doctor npx tsx bench/cli-startup.bench.ts   # an installed binary
 *
 * Exit 0 pass, 1 target missed, 2 setup failed (no engine, the check did not come back healthy).
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import Docker from 'dockerode';
import { createDockerFixtureCore, type DockerFixture } from '../test/integration/support/docker-fixture-core.ts';
import { ensureTestImage } from '../test/integration/support/busybox-image.ts';
import { startHttpService } from '../test/integration/support/http-service.ts';
import { median, ms, table } from './support/stats.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const TARGET = 5;
const SERVICES = 10;
const repo = resolve(import.meta.dirname, '..');
const bin = process.env.STACK_DOCTOR_BIN ?? join(repo, 'bin', 'stack-doctor.js');

interface Run {
  ms: number;
  code: number | null;
  stdout: string;
}

/** Wall time of a whole child process, from spawn to exit. */
function run(command: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ ms: performance.now() - start, code, stdout }));
  });
}

const cli = (args: string[], env: Record<string, string>): Promise<Run> =>
  bin.endsWith('.js') ? run(process.execPath, [bin, ...args], env) : run(bin, args, env);

/** `upstream`: services 2…10 call svc-01 by its alias, so the diagnosis confirms that lookup from inside each (9 execs). */
async function buildStack(fixture: DockerFixture, dir: string, upstream: boolean): Promise<void> {
  const project = fixture.unique(upstream ? 'clibench' : 'clibench-noexec');
  const network = `${project}_default`;
  const names = Array.from({ length: SERVICES }, (_, i) => `svc-${String(i + 1).padStart(2, '0')}`);
  await writeFile(
    join(dir, 'compose.yaml'),
    [
      `name: ${project}`,
      'services:',
      ...names.flatMap((name, i) => [
        `  ${name}:`,
        `    image: ${fixture.image}`,
        '    ports: ["127.0.0.1::8080"]',
        ...(upstream && i > 0 ? ['    environment:', '      UPSTREAM_URL: http://svc-01:8080'] : []),
      ]),
      '',
    ].join('\n'),
  );
  await fixture.network(network, {
    exactName: true,
    labels: { 'com.docker.compose.project': project, 'com.docker.compose.network': 'default' },
  });
  await Promise.all(
    names.map((name, i) =>
      startHttpService(fixture, {
        name: `${project}-${name}-1`,
        exactName: true,
        port: 8080,
        networks: [{ name: network, aliases: [name] }],
        ...(upstream && i > 0 ? { env: { UPSTREAM_URL: 'http://svc-01:8080' } } : {}),
        labels: {
          'com.docker.compose.project': project,
          'com.docker.compose.service': name,
          'com.docker.compose.project.working_dir': dir,
          'com.docker.compose.project.config_files': join(dir, 'compose.yaml'),
          'com.docker.compose.container-number': '1',
        },
      }),
    ),
  );
}

const label = (name: string): string =>
  ({ node: 'node -e 0', check: 'check --json', noexec: 'check, no execs (info)' })[name] ?? `--${name}`;

async function main(): Promise<number> {
  const docker = new Docker();
  try {
    await docker.ping();
  } catch {
    console.error('bench/cli-startup needs a Docker engine');
    return 2;
  }
  await ensureTestImage(docker);
  const fixture = createDockerFixtureCore(docker);
  const root = await mkdtemp(join(tmpdir(), 'sd-cli-bench-'));
  const dir = join(root, 'ws');
  const quiet = join(root, 'ws-noexec');
  await Promise.all([mkdir(dir), mkdir(quiet)]);
  // A cache folder of its own: the first check below compiles the CLI and stores V8's code cache, as a user's first run does.
  const env = {
    STACK_DOCTOR_CONFIG_DIR: join(root, 'config'),
    STACK_DOCTOR_LOG_DIR: join(root, 'logs'),
    STACK_DOCTOR_CACHE_DIR: join(root, 'cache'),
    NO_COLOR: '1',
  };
  try {
    await Promise.all([buildStack(fixture, dir, true), buildStack(fixture, quiet, false)]);
    const check = ['check', '--json', '--workspace', dir];
    const checkNoExec = ['check', '--json', '--workspace', quiet];
    const first = await cli(check, env);
    const { verdict, findings } = JSON.parse(first.stdout) as { verdict: string; findings: Array<{ id: string; subject: string }> };
    if (first.code !== 0) {
      const why = findings.map((finding) => `${finding.id} ${finding.subject}`).join('; ');
      console.error(`setup: the check did not come back healthy (exit ${first.code}, verdict ${verdict}: ${why})`);
      return 2;
    }
    // Warm the page cache and the engine once for each command, then alternate.
    await run(process.execPath, ['-e', '0'], env);
    await cli(['--help'], env);
    await cli(['--version'], env);
    const samples = { node: [] as number[], check: [] as number[], noexec: [] as number[], help: [] as number[], version: [] as number[] };
    const inProcess: number[] = [];
    const inProcessNoExec: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      samples.node.push((await run(process.execPath, ['-e', '0'], env)).ms);
      const c = await cli(check, env);
      samples.check.push(c.ms);
      inProcess.push((JSON.parse(c.stdout) as { durationMs: number }).durationMs);
      const q = await cli(checkNoExec, env);
      samples.noexec.push(q.ms);
      inProcessNoExec.push((JSON.parse(q.stdout) as { durationMs: number }).durationMs);
      samples.help.push((await cli(['--help'], env)).ms);
      samples.version.push((await cli(['--version'], env)).ms);
    }
    const base = median(samples.node);
    const ratio = median(samples.check) / base;
    console.log(`bench/cli-startup: ${ROUNDS} alternated rounds, ${SERVICES}-service healthy stack on the real engine, bin ${bin}\n`);
    console.log(
      table([
        ['command', 'median', 'min', 'ratio vs node -e 0'],
        ...(Object.entries(samples) as Array<[string, number[]]>).map(([name, values]) => [
          label(name),
          ms(median(values)),
          ms(Math.min(...values)),
          (median(values) / base).toFixed(2),
        ]),
      ]),
    );
    const startup = median(samples.check) - median(inProcess);
    console.log(`\ndiagnosis durationMs inside the check process (median): ${ms(median(inProcess))}`);
    console.log(`  the same without cross-service URLs (no execs, info): ${ms(median(inProcessNoExec))}`);
    console.log(`whole check minus its diagnosis (start, load, print, exit): ${ms(startup)} = ${(startup / base).toFixed(2)} × node -e 0`);
    const pass = ratio <= TARGET;
    console.log(`check / node -e 0 = ${ratio.toFixed(2)} (target ≤ ${TARGET}): ${pass ? 'PASS' : 'FAIL'}`);
    return pass ? 0 : 1;
  } finally {
    await fixture.dispose();
    await rm(root, { recursive: true, force: true });
  }
}

process.exitCode = await main();
