import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { composeLabels, runCheck, runCheckJson, tempWorkspace, type TempWorkspace } from '../check/run-check.ts';
import { createDockerFixture } from '../support/docker-fixture.ts';

/**
 * Issue 8 §1: a container of the workspace's stack carries secrets in its environment, its labels, a URL
 * and its health check's output. Not one of them may appear in any byte Stack Doctor writes: `check
 * --json`, the human report, the events `serve` sends to a dashboard, or the log file.
 */
const repo = resolve(import.meta.dirname, '../../..');
const SECRETS = {
  postgresPassword: 'pg-planted-7f3a91',
  awsSecret: 'aws-planted-9c1e27',
  urlPassword: 'url-planted-4b2d58',
  tokenInQuery: 'qtok-planted-6e0a13',
  apiToken: 'api-planted-3d7f40',
  label: 'label-planted-8e5f62',
  healthPassword: 'hc-planted-2a6c84',
  healthUrlPassword: 'hcurl-planted-5d1b09',
} as const;

const fixture = createDockerFixture();
let ws: TempWorkspace;

function expectNoSecret(where: string, text: string): void {
  for (const [name, secret] of Object.entries(SECRETS))
    expect(text.includes(secret), `${name} (${secret}) leaked into ${where}`).toBe(false);
}

async function logText(): Promise<string> {
  const dir = ws.env['STACK_DOCTOR_LOG_DIR'] as string;
  const files = await readdir(dir).catch(() => []);
  const texts = await Promise.all(files.map((file) => readFile(join(dir, file), 'utf8')));
  return texts.join('\n');
}

beforeAll(async () => {
  ws = await tempWorkspace('sd-secrets-');
  const project = fixture.unique('vault');
  const network = `${project}_default`;
  await ws.write(
    'compose.yaml',
    [`name: ${project}`, 'services:', '  api:', `    image: ${fixture.image}`, '  db:', `    image: ${fixture.image}`, ''].join('\n'),
  );
  await fixture.network(network, {
    exactName: true,
    labels: { 'com.docker.compose.project': project, 'com.docker.compose.network': 'default' },
  });
  await fixture.container({
    name: `${project}-db-1`,
    exactName: true,
    cmd: ['sleep', '3600'],
    networks: [{ name: network, aliases: ['db'] }],
    labels: composeLabels(ws.dir, project, 'db'),
  });
  const api = await fixture.container({
    name: `${project}-api-1`,
    exactName: true,
    cmd: ['sleep', '3600'],
    env: {
      POSTGRES_PASSWORD: SECRETS.postgresPassword,
      AWS_SECRET_ACCESS_KEY: SECRETS.awsSecret,
      DB_URL: `postgres://admin:${SECRETS.urlPassword}@db:5432/app?token=${SECRETS.tokenInQuery}`,
      API_TOKEN: SECRETS.apiToken,
    },
    networks: [{ name: network, aliases: ['api'] }],
    labels: { ...composeLabels(ws.dir, project, 'api'), 'com.example.secret': SECRETS.label },
    healthcheck: {
      test: [
        'CMD-SHELL',
        `echo "login failed PGPASSWORD=${SECRETS.healthPassword} via postgres://admin:${SECRETS.healthUrlPassword}@db/app"; exit 1`,
      ],
      intervalMs: 300,
    },
  });
  await fixture.waitForHealth(api.id, 'unhealthy');
});

describe('no secret leaks', () => {
  it('check --json carries the redacted target and the redacted health output, and no planted secret', async () => {
    const run = await runCheckJson(ws);
    expect(run.stdout).toContain('postgres://admin:***@db:5432/app?token=***');
    expect(run.stdout).toContain('PGPASSWORD=***');
    expectNoSecret('check --json stdout', run.stdout);
    expectNoSecret('check --json stderr', run.stderr);
    expectNoSecret('the log after check --json', await logText());
  });

  it('the human report names the target with its password redacted, and no planted secret', async () => {
    const run = await runCheck(ws, { args: ['--verbose'] });
    expect(run.stdout).toContain('postgres://admin:***@db:5432/app');
    expectNoSecret('check stdout', run.stdout);
    expectNoSecret('check stderr (verbose log echo)', run.stderr);
    expectNoSecret('the log after check', await logText());
  });

  it("serve's diagnosis events carry no planted secret, nor does its log", async () => {
    const child = spawn(process.execPath, [join(repo, 'bin', 'stack-doctor.js'), 'serve', '--no-open', '--workspace', ws.dir], {
      cwd: repo,
      env: { ...process.env, ...ws.env, ORCHESTRATOR_SERVICE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const line = await new Promise<string>((done, fail) => {
        createInterface({ input: child.stdout }).on('line', (text) => text.startsWith('Stack Doctor dashboard: ') && done(text));
        child.once('exit', (code) => fail(new Error(`serve exited with ${code}: ${stderr}`)));
      });
      const url = new URL(line.slice('Stack Doctor dashboard: '.length));
      const socket = new WebSocket(`ws://${url.host}/ws?token=${url.searchParams.get('token')}`, {
        headers: { Origin: `http://${url.host}` },
      });
      let frames = '';
      const completed = new Promise<void>((done) =>
        socket.on('message', (data) => {
          const text = data.toString();
          frames += `${text}\n`;
          if ((JSON.parse(text) as { channel?: string }).channel === 'diagnosis:completed') done();
        }),
      );
      await new Promise((done, fail) => socket.once('open', done).once('error', fail));
      socket.send(JSON.stringify({ kind: 'invoke', id: 1, channel: 'diagnosis:run', payload: {} }));
      socket.send(JSON.stringify({ kind: 'invoke', id: 2, channel: 'diagnosis:last', payload: {} }));
      await completed;
      await expect.poll(() => frames.includes('"id":2')).toBe(true);
      socket.close();
      expect(frames).toContain('postgres://admin:***@db:5432/app');
      expectNoSecret('serve frames', frames);
    } finally {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    expectNoSecret('serve stderr', stderr);
    expectNoSecret('the log after serve', await logText());
  });
});
