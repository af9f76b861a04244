import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repairReportSchema, smokeScoreboardSchema, verdictSchema } from '../../../src/shared/model/index.ts';
import { tempWorkspace, type TempWorkspace } from '../check/run-check.ts';
import { createIncident } from './support/incident.ts';
import { createDockerFixture, type CreatedContainer, type CreatedNetwork } from '../support/docker-fixture.ts';
import type { HttpService } from '../support/http-service.ts';
import { runRepairCli } from './support/run-repair.ts';

/**
 * The smoke suites as a repair's verification, through the real CLI on the real engine: the typical incident (the dev
 * container on `devnet`, the orchestrator's alias on `backend`) with a `smoke:` suite of http checks against the
 * orchestrator (busybox httpd, 8006 published on 127.0.0.1). The suite runs after the fresh diagnosis; its
 * scoreboard is in the `--json` object, the human output and both report files; a failing check names its reason
 * and makes a healthy end exit 1 (degraded).
 */
const fixture = createDockerFixture();
let ws: TempWorkspace;
let backend: CreatedNetwork;
let dev: CreatedContainer;
let orchestrator: HttpService;
let dataDir: string;

const yaml = (checks: string): string =>
  `orchestrator:\n  fallbackUrl: ${orchestrator.url ?? ''}\nsmoke:\n  suites:\n    http:\n      timeoutMs: 10000\n      checks:\n${checks}`;
const healthCheck = (url: string) =>
  `        - kind: http\n          name: orchestrator health\n          url: ${url}/health\n          expect:\n            status: 200\n            bodyContains: healthy\n`;
const missingCheck = (url: string) =>
  `        - kind: http\n          name: admin page\n          url: ${url}/admin\n          expect:\n            status: 200\n`;

beforeAll(async () => {
  ws = await tempWorkspace('sd-repair-smoke-');
  dataDir = join(ws.dir, '..', 'data');
  ({ backend, dev, orchestrator } = await createIncident(fixture, ws.dir));
  // The engine is shared with other test runs: give its probes room (the CLI's own settings file).
  const configDir = ws.env.STACK_DOCTOR_CONFIG_DIR!;
  await mkdir(configDir, { recursive: true });
  await writeFile(join(configDir, 'config.json'), JSON.stringify({ probeTimeoutMs: 15_000 }));
});

interface RepairJson {
  status: string;
  steps: Array<{ stepId: string; status: string }>;
  after: { verdict: string; findings: Array<{ id: string }> };
  smoke: unknown;
  verdict: string;
  result: string;
  report: { json: string; markdown: string };
}

describe('stack-doctor repair verified by the smoke suites (real engine, real CLI)', () => {
  it('repairs the incident, then runs the suite: the passing http check is in --json, the human output and the report', async () => {
    const url = orchestrator.url!;
    await ws.write('stack-doctor.yaml', yaml(healthCheck(url)));

    const run = await runRepairCli(ws, dataDir, ['--yes', '--json']);

    const json = JSON.parse(run.stdout) as RepairJson;
    expect(json.status, run.stderr).toBe('completed');
    expect(json.steps.map((s) => [s.stepId, s.status])).toEqual([['s1', 'succeeded']]);
    expect(json.after.findings.map((f) => f.id)).not.toContain('DNS_UNRESOLVABLE_FROM_CONTAINER');
    const smoke = smokeScoreboardSchema.parse(json.smoke);
    expect(smoke).toMatchObject({ total: 1, passed: 1, failed: 0, errors: 0, cancelled: false });
    // Only the declared suite: the built-in diagnosis suite is not run again (the repair has just diagnosed).
    expect(smoke.suites.map((s) => s.name)).toEqual(['http']);
    expect(smoke.results[0]).toMatchObject({ suite: 'http', check: 'orchestrator health', result: 'pass' });
    expect(json.verdict).toBe(json.after.verdict);
    expect(run.code).toBe({ healthy: 0, degraded: 1, unhealthy: 2 }[verdictSchema.parse(json.verdict)]);
    expect(run.stderr).toContain('verifying by the smoke suites');

    const report = repairReportSchema.parse(JSON.parse(await readFile(json.report.json, 'utf8')));
    expect(report.scoreboard?.smoke?.passed).toBe(1);
    const markdown = await readFile(json.report.markdown, 'utf8');
    expect(markdown).toContain('Smoke: 1/1 passed, 0 failed, 0 errors, 0 skipped.');
    expect(markdown).toContain('| http | orchestrator health | pass |');
  });

  it('a failing check shows with its reason in the human output and the report, and a healthy end exits 1', async () => {
    // The incident again: the dev container leaves `backend`.
    await fixture.docker.getNetwork(backend.name).disconnect({ Container: dev.id });
    const url = orchestrator.url!;
    await ws.write('stack-doctor.yaml', yaml(healthCheck(url) + missingCheck(url)));

    const run = await runRepairCli(ws, dataDir, ['--yes']);

    expect(run.stdout, run.stderr).toMatch(/\[1\/1\] /);
    expect(run.stdout).toContain('Smoke: 1/2 passed, 1 failed, 0 errors, 0 skipped');
    expect(run.stdout).toMatch(/✘ http \/ admin page: fail: .*404/);
    const afterVerdict = /Result: \w+ {2}\w+ → (\w+)/.exec(run.stdout)?.[1];
    expect(afterVerdict, run.stdout).toBeDefined();
    // A failing smoke check: a healthy stack reports degraded (exit 1); a worse verdict keeps its own code.
    expect(run.code).toBe(Math.max(1, { healthy: 0, degraded: 1, unhealthy: 2 }[verdictSchema.parse(afterVerdict)]));
    if (afterVerdict === 'healthy') expect(run.stdout).toContain('(degraded: a smoke check failed)');
    expect(run.stdout).not.toMatch(/Result: REPAIRED/);

    const markdownPath = /Report: (\S+\.md)/.exec(run.stdout)?.[1];
    expect(markdownPath, run.stdout).toBeDefined();
    const markdown = await readFile(markdownPath!, 'utf8');
    expect(markdown).toMatch(/\| http \| admin page \| fail \| \d+ ms \| .*404/);
    expect(markdown).toContain('| http | orchestrator health | pass |');
  });
});
