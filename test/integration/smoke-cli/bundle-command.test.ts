import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleResultSchema, type BundleResult } from '../../../src/shared/model/index.ts';
import { openBundle, type OpenedBundle } from '../bundle/open-bundle.ts';
import { composeLabels, tempWorkspace, type TempWorkspace } from '../check/run-check.ts';
import { createDockerFixture } from '../support/docker-fixture.ts';
import { runCli } from './run-cli.ts';

/**
 * `stack-doctor bundle` as a user runs it: the real CLI diagnoses a real container holding secrets in its
 * environment, reads settings, logs and a repair report holding planted secrets, and writes the archive;
 * GNU tar opens it and every byte is searched.
 */
const SECRETS = {
  containerPassword: 'bc-pgpass-5d21f0',
  containerUrl: 'bc-urlpw-9a3e44',
  settingsUrl: 'bc-setpw-71b0c2',
  logLine: 'bc-logjson-0e6d93',
  report: 'bc-report-c58a17',
} as const;

const fixture = createDockerFixture();
let ws: TempWorkspace;
let result: BundleResult;
let opened: OpenedBundle;
let code: number | null;

beforeAll(async () => {
  ws = await tempWorkspace('sd-bundle-cli-');
  const project = fixture.unique('bundlecli');
  await ws.write('compose.yaml', [`name: ${project}`, 'services:', '  api:', `    image: ${fixture.image}`, ''].join('\n'));
  await fixture.container({
    name: `${project}-api-1`,
    exactName: true,
    cmd: ['sleep', '3600'],
    env: { POSTGRES_PASSWORD: SECRETS.containerPassword, DB_URL: `postgres://admin:${SECRETS.containerUrl}@db:5432/app` },
    labels: composeLabels(ws.dir, project, 'api'),
  });
  const configDir = ws.env['STACK_DOCTOR_CONFIG_DIR'] as string;
  const logDir = ws.env['STACK_DOCTOR_LOG_DIR'] as string;
  const set = await runCli(ws, ['settings', 'set', 'orchestratorUrl', `http://admin:${SECRETS.settingsUrl}@orchestrator-service:8006`]);
  expect(set.code, set.stderr).toBe(0);
  await mkdir(logDir, { recursive: true });
  await writeFile(
    join(logDir, 'stack-doctor.log.1'),
    `${JSON.stringify({ level: 30, time: Date.now(), msg: 'old line', password: SECRETS.logLine })}\n`,
  );
  await mkdir(join(configDir, 'reports'), { recursive: true });
  await writeFile(join(configDir, 'reports', 'repair-1.json'), JSON.stringify({ plan: [], apiToken: SECRETS.report }));

  const run = await runCli(ws, ['bundle', '--workspace', ws.dir, '--out', join(ws.dir, 'out.tar.gz'), '--json']);
  code = run.code;
  result = bundleResultSchema.parse(JSON.parse(run.stdout));
  opened = await openBundle(result.path);
});

describe('stack-doctor bundle', () => {
  it('writes an archive system tar opens, with the diagnosis, the settings, the logs and the reports', () => {
    expect(code).toBe(0);
    expect(result.path).toBe(join(ws.dir, 'out.tar.gz'));
    expect([...opened.files.keys()].sort()).toEqual(
      expect.arrayContaining([
        'manifest.json',
        'diagnosis.json',
        'settings.json',
        'logs/stack-doctor.log',
        'logs/stack-doctor.log.1',
        'reports/repair-1.json',
      ]),
    );
    const diagnosis = JSON.parse(opened.files.get('diagnosis.json')!.toString('utf8')) as { workspace: string; services: unknown[] };
    expect(diagnosis.workspace).toBe(ws.dir);
    expect(diagnosis.services.length).toBeGreaterThan(0);
  });

  it('holds no planted secret in any byte of the archive', () => {
    const bytes = opened.tarBytes.toString('latin1');
    for (const [name, secret] of Object.entries(SECRETS)) expect(bytes.includes(secret), name).toBe(false);
  });

  it('prints the path alone without --json, into the app data folder by default', async () => {
    const run = await runCli(ws, ['bundle', '--workspace', ws.dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`^${ws.env['STACK_DOCTOR_CONFIG_DIR']}/bundles/stack-doctor-bundle-\\d{8}T\\d{6}Z\\.tar\\.gz\\n$`),
    );
  });

  it('exits 3 when the archive cannot be written', async () => {
    const run = await runCli(ws, ['bundle', '--workspace', ws.dir, '--out', join(ws.dir, 'missing', 'dir', 'b.tar.gz')]);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^stack-doctor: cannot write the diagnostics bundle: .*ENOENT/);
  });
});
