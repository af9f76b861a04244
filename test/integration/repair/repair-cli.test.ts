import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lookupInContainer } from '../../../src/main/core/checks/container-lookup.ts';
import { DockerEngineAdapter } from '../../../src/main/adapters/docker/docker-engine.adapter.ts';
import { repairPlanSchema, repairReportSchema, stepOutcomeSchema, diagnosisSummarySchema } from '../../../src/shared/model/index.ts';
import { tempWorkspace, type TempWorkspace } from '../check/run-check.ts';
import { createIncident } from './support/incident.ts';
import { createDockerFixture, type CreatedContainer, type CreatedNetwork } from '../support/docker-fixture.ts';
import { runRepairCli } from './support/run-repair.ts';

/**
 * The typical incident repaired from the CLI, as a user runs it (a child process, no TTY): the orchestrator on
 * `backend` under the alias `orchestrator-service`, the dev container on `devnet` only. This machine is a container
 * itself, so the localhost pin is not offered: the plan is the network connect.
 */
const fixture = createDockerFixture();
let ws: TempWorkspace;
let backend: CreatedNetwork;
let dev: CreatedContainer;
let dataDir: string;
const engine = DockerEngineAdapter.fromEnvironment();

beforeAll(async () => {
  ws = await tempWorkspace('sd-repair-cli-');
  dataDir = join(ws.dir, '..', 'data');
  const incident = await createIncident(fixture, ws.dir);
  ({ backend, dev } = incident);
  const { orchestrator } = incident;
  // The engine is shared with other test runs: give its probes room (the CLI's own settings file).
  const configDir = ws.env.STACK_DOCTOR_CONFIG_DIR!;
  await mkdir(configDir, { recursive: true });
  await writeFile(join(configDir, 'config.json'), JSON.stringify({ probeTimeoutMs: 15_000 }));
  await ws.write('stack-doctor.yaml', `orchestrator:\n  fallbackUrl: http://localhost:${orchestrator.hostPort}\n`);
  return () => engine.dispose();
});

const resolvesInDev = async () => (await lookupInContainer(engine, dev.id, 'orchestrator-service', 5000, () => performance.now())).resolves;
const reportFiles = () => readdir(join(dataDir, 'repairs')).catch(() => [] as string[]);

describe('stack-doctor repair (real engine, real CLI)', () => {
  it('--dry-run and a run without a TTY nor --yes only preview: nothing is touched, no report written', async () => {
    const dry = await runRepairCli(ws, dataDir, ['--dry-run']);
    expect(dry.stdout).toContain(`docker network connect ${backend.name} ${dev.name}`);
    expect(dry.stdout).toContain('DNS_UNRESOLVABLE_FROM_CONTAINER');
    expect(dry.code, dry.stderr).toBe(2);

    const noTty = await runRepairCli(ws, dataDir, ['--json']);
    expect(noTty.stderr).toContain('Not a terminal: previewed only');
    const json = JSON.parse(noTty.stdout) as { status: string; plan: unknown; steps: unknown[] };
    expect(json.status).toBe('previewed');
    expect(repairPlanSchema.parse(json.plan).steps.map((s) => s.kind)).toEqual(['network-connect']);
    expect(json.steps).toEqual([]);
    expect(noTty.code).toBe(2);

    expect((await fixture.inspect(dev.id)).NetworkSettings.Networks[backend.name]).toBeUndefined();
    expect(await resolvesInDev()).toBe(false);
    expect(await reportFiles()).toEqual([]);
  });

  it('repair --yes --json repairs the incident in one command; the alias resolves in the dev container; the exit code is the final verdict', async () => {
    const run = await runRepairCli(ws, dataDir, ['--yes', '--json']);

    const json = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(json.status, run.stderr).toBe('completed');
    const steps = stepOutcomeSchema.array().parse(json.steps);
    expect(steps.map((s) => [s.stepId, s.status])).toEqual([['s1', 'succeeded']]);
    const before = diagnosisSummarySchema.parse(json.before);
    const after = diagnosisSummarySchema.parse(json.after);
    expect(before.findings.map((f) => f.id)).toContain('DNS_UNRESOLVABLE_FROM_CONTAINER');
    expect(after.findings.map((f) => f.id)).not.toContain('DNS_UNRESOLVABLE_FROM_CONTAINER');
    expect(run.code).toBe({ healthy: 0, degraded: 1, unhealthy: 2 }[after.verdict]);
    // Progress lines go to stderr in --json mode, so stdout stays one object.
    expect(run.stderr).toContain('[1/1] ');

    expect(await resolvesInDev()).toBe(true);
    const report = json.report as { json: string; markdown: string };
    const written = repairReportSchema.parse(JSON.parse(await readFile(report.json, 'utf8')));
    expect(written.outcomes[0]?.status).toBe('succeeded');
    expect(written.log.length).toBeGreaterThan(0);
    expect(await reportFiles()).toHaveLength(2);
  });

  it('bad arguments and a workspace that does not exist exit 3', async () => {
    expect((await runRepairCli(ws, dataDir, ['--bogus'])).code).toBe(3);
    const missing = await runRepairCli({ ...ws, dir: join(ws.dir, 'nope') }, dataDir, ['--yes']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/^stack-doctor: /);
  });
});
