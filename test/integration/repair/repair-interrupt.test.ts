import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repairReportSchema } from '../../../src/shared/model/index.ts';
import { composeLabels, tempWorkspace, type TempWorkspace } from '../check/run-check.ts';
import { createDockerFixture, type CreatedContainer } from '../support/docker-fixture.ts';
import { spawnCli } from '../smoke-cli/spawn-cli.ts';

/**
 * Ctrl-C during `stack-doctor repair`: at its y/N prompt on a terminal (first, while `api` is still exited), then
 * during `--yes`, on the real engine. `api` exited (code 3) on its first run and sleeps
 * when started again; its HEALTHCHECK runs first after 60 s, so once started it stays `starting` and the start step
 * waits for it to be healthy. SIGINT during that wait: the wait stops, the step ends `failed` (CANCELLED), the started
 * container is left running (what was done stays done), the report is written, and the CLI exits 130.
 */
const fixture = createDockerFixture();
const SECOND_RUN_SLEEPS = 'if [ -e /tmp/ran ]; then exec sleep 3600; fi; touch /tmp/ran; exit 3';
let ws: TempWorkspace;
let api: CreatedContainer;
let dataDir: string;

beforeAll(async () => {
  ws = await tempWorkspace('sd-repair-sigint-');
  dataDir = join(ws.dir, '..', 'data');
  const project = fixture.unique('slow');
  api = await fixture.container({
    name: 'api',
    cmd: ['sh', '-c', SECOND_RUN_SLEEPS],
    labels: composeLabels(ws.dir, project, 'api'),
    healthcheck: { test: ['CMD-SHELL', 'exit 0'], intervalMs: 60_000, timeoutMs: 1000, retries: 1, startPeriodMs: 60_000 },
  });
  expect(await fixture.waitForExit(api.id)).toBe(3);
  const configDir = ws.env.STACK_DOCTOR_CONFIG_DIR!;
  await mkdir(configDir, { recursive: true });
  await writeFile(join(configDir, 'config.json'), JSON.stringify({ probeTimeoutMs: 15_000 }));
});

/** util-linux `script` gives the CLI a terminal; without it the prompt test cannot run. */
const hasScript = (() => {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('stack-doctor repair at its y/N prompt on a terminal', () => {
  it.skipIf(!hasScript)('Ctrl-C at the prompt touches nothing and exits 130', async () => {
    const before = (await fixture.inspect(api.id)).State.StartedAt;
    const cli = spawnCli(ws, ['repair', '--workspace', ws.dir], { env: { STACK_DOCTOR_DATA_DIR: dataDir }, tty: true });
    await cli.printed('[y/N]');
    cli.child.stdin?.write('\x03');

    const run = await cli.done;

    expect(run.code, run.stdout).toBe(130);
    expect(run.stdout).toContain('interrupted before the repair started: nothing was touched');
    expect((await fixture.inspect(api.id)).State.StartedAt).toBe(before);
  });
});

describe('stack-doctor repair and Ctrl-C', () => {
  it('stops waiting for the step in flight, prints what was done, writes the report and exits 130', async () => {
    const cli = spawnCli(ws, ['repair', '--workspace', ws.dir, '--yes'], { env: { STACK_DOCTOR_DATA_DIR: dataDir } });
    await cli.printed(`[1/1] Start ${api.name}`);
    // The step is waiting: the container runs, its health is `starting`.
    await fixture.waitForState(api.id, 'running');
    const sent = performance.now();
    cli.child.kill('SIGINT');

    const run = await cli.done;

    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(130);
    // Not the step's 60 s health budget: the wait stopped on the signal.
    expect(performance.now() - sent).toBeLessThan(30_000);
    expect(run.stderr).toContain('interrupted, cancelling the repair');
    expect(run.stderr).toContain('interrupted: 1 of 1 step(s) ran');
    expect(run.stdout).toMatch(/failed in \d+ ms: .*the repair was cancelled before it was verified/);
    expect(run.stdout).toContain('Steps: 0 succeeded, 1 failed, 0 skipped');
    // What was done stays done: the container Stack Doctor started is not stopped again.
    expect((await fixture.inspect(api.id)).State.Status).toBe('running');

    const files = await readdir(join(dataDir, 'repairs'));
    const json = files.find((f) => f.endsWith('.json'));
    expect(json, files.join(', ')).toBeDefined();
    const report = repairReportSchema.parse(JSON.parse(await readFile(join(dataDir, 'repairs', json!), 'utf8')));
    expect(report.status).toBe('cancelled');
    expect(report.outcomes[0]).toMatchObject({ status: 'failed', error: { code: 'CANCELLED' } });
    expect(report.scoreboard?.smoke).toBeNull();
  });
});
