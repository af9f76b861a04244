import { execFile } from 'node:child_process';
import { mkdir, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeDiagnosticsBundle } from '../../../src/main/adapters/bundle/write-diagnostics-bundle.ts';
import { settingsSchema, type BundleResult, type Diagnosis } from '../../../src/shared/model/index.ts';
import { FakeClock } from '../../unit/support/fake-clock.ts';
import { composeLabels, runCheckJson, tempWorkspace, type TempWorkspace } from '../check/run-check.ts';
import { createDockerFixture } from '../support/docker-fixture.ts';
import { openBundle, type OpenedBundle } from './open-bundle.ts';

/**
 * Issue 11 §1 / §4: the diagnostics bundle carries no secret. Secrets sit in a real container's environment,
 * URL and health output (seen by a real `check --json`), in env-like fields of the diagnosis (as an older
 * version wrote them), in the settings, in log lines, in repair reports, and behind symlinks that lead out of
 * the folders. GNU tar, not the writer's library, opens the archive; every byte of it is searched.
 */
const SECRETS = {
  containerPassword: 'bd-pgpass-71c3e9',
  containerAws: 'bd-aws-5a90d2',
  containerUrl: 'bd-urlpw-38e1f7',
  containerQuery: 'bd-qtok-0c6b44',
  containerHealth: 'bd-hc-9d27a1',
  diagEnv: 'bd-diagenv-4f81c0',
  diagInspectEnv: 'bd-inspenv-2b7d95',
  diagPair: 'bd-pair-e04a3c',
  diagFinding: 'bd-finding-6c19b2',
  diagNumber: '553311997755',
  settingsUrl: 'bd-setpw-5e3d71',
  settingsToken: 'bd-settok-a91c04',
  logJson: 'bd-logjson-7b20e5',
  logUrl: 'bd-logurl-c4a8d3',
  logBearer: 'bdlogbearer9f31a6',
  logNumber: '918273645501',
  reportJson: 'bd-repjson-1d6e88',
  reportMd: 'bd-repmd-0a5f2c',
  reportUrl: 'bd-repurl-77b3e1',
  outsideLog: 'bd-outside-log-4c2e90',
  outsideReport: 'bd-outside-rep-8a1d57',
} as const;
/** Planted in files and values this test writes itself (the container ones are checked by `check` itself). */
const PLANTED_IN_INPUTS = Object.entries(SECRETS).filter(([name]) => !name.startsWith('container'));

const fixture = createDockerFixture();
const run = promisify(execFile);
let ws: TempWorkspace;
let diagnosis: Diagnosis;
let result: BundleResult;
let opened: OpenedBundle;
let inputs = '';

beforeAll(async () => {
  ws = await tempWorkspace('sd-bundle-');
  const project = fixture.unique('bundle');
  const network = `${project}_default`;
  await ws.write('compose.yaml', [`name: ${project}`, 'services:', '  api:', `    image: ${fixture.image}`, ''].join('\n'));
  await fixture.network(network, {
    exactName: true,
    labels: { 'com.docker.compose.project': project, 'com.docker.compose.network': 'default' },
  });
  const api = await fixture.container({
    name: `${project}-api-1`,
    exactName: true,
    cmd: ['sleep', '3600'],
    env: {
      POSTGRES_PASSWORD: SECRETS.containerPassword,
      AWS_SECRET_ACCESS_KEY: SECRETS.containerAws,
      DB_URL: `postgres://admin:${SECRETS.containerUrl}@db:5432/app?token=${SECRETS.containerQuery}`,
    },
    networks: [{ name: network, aliases: ['api'] }],
    labels: composeLabels(ws.dir, project, 'api'),
    healthcheck: { test: ['CMD-SHELL', `echo "login failed PGPASSWORD=${SECRETS.containerHealth}"; exit 1`], intervalMs: 300 },
  });
  await fixture.waitForHealth(api.id, 'unhealthy');
  // A real diagnosis, and a real log written by the real CLI while it ran.
  diagnosis = (await runCheckJson(ws)).diagnosis;

  const root = join(ws.dir, '..');
  const logDir = ws.env['STACK_DOCTOR_LOG_DIR'] as string;
  const reportsDir = join(root, 'data', 'reports');
  const outside = join(root, 'outside');
  const outDir = join(root, 'out');
  await Promise.all([mkdir(join(reportsDir, '2026-01-01T10-00-00Z'), { recursive: true }), mkdir(outside), mkdir(outDir)]);

  const legacy = structuredClone(diagnosis) as unknown as { services: Record<string, unknown>[]; findings: Record<string, unknown>[] };
  const first = legacy.services[0] as Record<string, unknown>;
  first['env'] = { POSTGRES_PASSWORD: SECRETS.diagEnv, HOME: '/root' };
  first['Env'] = [`AWS_SECRET_ACCESS_KEY=${SECRETS.diagInspectEnv}`, 'PATH=/usr/bin'];
  first['environment'] = [{ name: 'DB_PASSWORD', value: SECRETS.diagPair }];
  first['deep'] = { a: { b: [{ c: { apiKey: Number(SECRETS.diagNumber) } }] } };
  legacy.findings.push({ id: 'planted', cause: `db → postgres://admin:${SECRETS.diagFinding}@db:5432/app (env:DB_URL)` });
  const settings = settingsSchema.parse({
    workspaces: [ws.dir],
    orchestratorUrl: `http://admin:${SECRETS.settingsUrl}@orchestrator:8006/chat?token=${SECRETS.settingsToken}`,
  });

  const plantedLog = [
    JSON.stringify({ level: 50, msg: 'connect failed', err: { config: { password: SECRETS.logJson } }, apiKey: Number(SECRETS.logNumber) }),
    `plain: retrying postgres://admin:${SECRETS.logUrl}@db:5432/app`,
    JSON.stringify({ level: 30, msg: 'request', headers: { authorization: `Bearer ${SECRETS.logBearer}` } }),
    '',
  ].join('\n');
  const reportJson = JSON.stringify(
    { plan: { steps: [{ kind: 'restart', env: { API_TOKEN: SECRETS.reportJson }, target: `redis://:${SECRETS.reportUrl}@cache:6379` }] } },
    null,
    2,
  );
  const reportMd = `# Repair\n\n- restarted api with \`PGPASSWORD=${SECRETS.reportMd}\`\n`;
  await Promise.all([
    writeFile(join(logDir, 'stack-doctor.log.1'), plantedLog),
    writeFile(join(reportsDir, '2026-01-01T10-00-00Z', 'repair.json'), reportJson),
    writeFile(join(reportsDir, '2026-01-01T10-00-00Z', 'repair.md'), reportMd),
    writeFile(join(outside, 'secret.log'), `outside ${SECRETS.outsideLog}\n`),
    writeFile(join(outside, 'stolen.md'), `outside ${SECRETS.outsideReport}\n`),
  ]);
  await symlink(join(outside, 'secret.log'), join(logDir, 'stolen.log'));
  await symlink(outside, join(reportsDir, 'linked'));
  await run('mkfifo', [join(reportsDir, 'pipe.md')]);
  inputs = [
    JSON.stringify(legacy),
    JSON.stringify(settings),
    plantedLog,
    reportJson,
    reportMd,
    SECRETS.outsideLog,
    SECRETS.outsideReport,
  ].join('\n');

  result = await writeDiagnosticsBundle({
    out: outDir,
    latestDiagnosis: legacy,
    reportsDir,
    logDir,
    settings,
    appInfo: { name: 'stack-doctor', version: '0.1.0-test' },
    clock: new FakeClock(),
  });
  opened = await openBundle(result.path);
});

describe('diagnostics bundle', () => {
  it('the planted secrets were really in what the bundle was made from', () => {
    for (const [name, secret] of PLANTED_IN_INPUTS) expect(inputs.includes(secret), name).toBe(true);
  });

  it('holds no planted secret in any byte: not in a file, a name or a header', () => {
    const haystacks: [string, Buffer][] = [['the tar stream', opened.tarBytes], ...opened.files];
    for (const [where, bytes] of haystacks)
      for (const [name, secret] of Object.entries(SECRETS))
        expect(bytes.includes(secret), `${name} (${secret}) leaked into ${where}`).toBe(false);
  });

  it('is written where asked, with the default name, owner-only, and nothing else left beside it', async () => {
    expect(result.path).toBe(join(ws.dir, '..', 'out', 'stack-doctor-bundle-20260101T000000Z.tar.gz'));
    const info = await stat(result.path);
    expect(info.size).toBe(result.bytes);
    expect(info.mode & 0o777).toBe(0o600);
    expect(await readdir(join(ws.dir, '..', 'out'))).toEqual(['stack-doctor-bundle-20260101T000000Z.tar.gz']);
    expect(opened.top).toBe('stack-doctor-bundle-20260101T000000Z');
    expect(opened.members.every((m) => m.startsWith(`${opened.top}/`))).toBe(true);
  });

  it('holds the diagnosis, the settings, the reports and the logs, redacted but still readable', () => {
    expect([...opened.files.keys()].sort()).toEqual([
      'diagnosis.json',
      'logs/stack-doctor.log',
      'logs/stack-doctor.log.1',
      'manifest.json',
      'reports/2026-01-01T10-00-00Z/repair.json',
      'reports/2026-01-01T10-00-00Z/repair.md',
      'settings.json',
    ]);
    const text = (path: string): string => opened.files.get(path)?.toString('utf8') ?? '';
    const diag = JSON.parse(text('diagnosis.json')) as Diagnosis & { services: Record<string, unknown>[] };
    expect(diag.correlationId).toBe(diagnosis.correlationId);
    expect(diag.verdict).toBe(diagnosis.verdict);
    expect(diag.services[0]?.['env']).toEqual({ POSTGRES_PASSWORD: '***', HOME: '/root' });
    expect(diag.services[0]?.['Env']).toEqual(['AWS_SECRET_ACCESS_KEY=***', 'PATH=/usr/bin']);
    expect(text('diagnosis.json')).toContain('postgres://admin:***@db:5432/app');
    expect(JSON.parse(text('settings.json'))).toMatchObject({
      orchestratorUrl: 'http://admin:***@orchestrator:8006/chat?token=***',
      probeTimeoutMs: 1500,
    });
    expect(text('logs/stack-doctor.log')).toContain(diagnosis.correlationId);
    expect(text('logs/stack-doctor.log.1')).toContain('Bearer ***');
    expect(JSON.parse(text('reports/2026-01-01T10-00-00Z/repair.json'))).toEqual({
      plan: { steps: [{ kind: 'restart', env: { API_TOKEN: '***' }, target: 'redis://:***@cache:6379' }] },
    });
    expect(text('reports/2026-01-01T10-00-00Z/repair.md')).toContain('PGPASSWORD=***');
  });

  it('has a manifest that lists every entry with its size, what was redacted and what was left out', () => {
    const { manifest } = opened;
    expect(manifest).toMatchObject({ format: 'stack-doctor-bundle', formatVersion: 1, createdAt: '2026-01-01T00:00:00.000Z' });
    expect(manifest.app).toMatchObject({
      name: 'stack-doctor',
      version: '0.1.0-test',
      platform: process.platform,
      node: process.versions.node,
    });
    expect(result.entries.map((e) => e.path)).toEqual(['manifest.json', ...manifest.entries.map((e) => e.path)]);
    expect(result.entries.slice(1)).toEqual(manifest.entries);
    for (const entry of result.entries) expect(entry.bytes, entry.path).toBe(opened.files.get(entry.path)?.length);
    expect(new Set(result.entries.map((e) => e.path))).toEqual(new Set(opened.files.keys()));
    const byPath = new Map(manifest.entries.map((e) => [e.path, e]));
    expect(byPath.get('diagnosis.json')?.redactedPaths).toEqual(
      expect.arrayContaining([
        '$.services[0].env.POSTGRES_PASSWORD',
        '$.services[0].Env[0]',
        '$.services[0].environment[0].value',
        '$.services[0].deep.a.b[0].c.apiKey',
      ]),
    );
    expect(byPath.get('settings.json')?.redactedPaths).toEqual(['$.orchestratorUrl']);
    expect(byPath.get('logs/stack-doctor.log.1')?.redactions).toBe(4);
    expect(manifest.redaction.total).toBe(manifest.entries.reduce((sum, e) => sum + e.redactions, 0));
    expect(manifest.missing).toEqual([]);
    expect(manifest.skipped).toEqual(
      expect.arrayContaining([
        { part: 'log', path: 'stolen.log', reason: 'a symbolic link (never followed)' },
        { part: 'report', path: 'linked', reason: 'a symbolic link (never followed)' },
        { part: 'report', path: 'pipe.md', reason: 'not a regular file' },
      ]),
    );
    expect(manifest.skipped).toHaveLength(3);
  });
});
