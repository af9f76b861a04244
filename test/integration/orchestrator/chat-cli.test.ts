import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentStub } from '../../../src/tools/agent-stub/agent-stub.server.ts';
import { buildChatCommand } from '../../../src/shared/command/chat-command.ts';
import { chatEventSchema, type ChatEvent } from '../../../src/shared/model/index.ts';
import { closedPort, StubPool } from './chat-fixture.ts';

const repo = resolve(import.meta.dirname, '../../..');
const bin = join(repo, 'bin', 'stack-doctor.js');
const dir = mkdtempSync(join(tmpdir(), 'sd-chat-cli-'));
const env = {
  ...process.env,
  STACK_DOCTOR_CONFIG_DIR: join(dir, 'config'),
  STACK_DOCTOR_LOG_DIR: join(dir, 'logs'),
  ORCHESTRATOR_SERVICE_URL: '',
};
const pool = new StubPool();
let stub: AgentStub;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(file, args, { cwd: dir, env, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

const chat = (...args: string[]): Promise<Run> => run(process.execPath, [bin, 'chat', ...args]);

function ndjson(stdout: string): ChatEvent[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => chatEventSchema.parse(JSON.parse(line)));
}

function workspace(name: string, yaml: string): string {
  const path = join(dir, name);
  mkdirSync(path, { recursive: true });
  writeFileSync(join(path, 'stack-doctor.yaml'), yaml);
  return path;
}

beforeAll(async () => {
  stub = await pool.start();
});
afterAll(async () => {
  await pool.closeAll();
  rmSync(dir, { recursive: true, force: true });
});

describe('stack-doctor chat (real process, real stub)', () => {
  it('streams the answer to stdout and exits 0', async () => {
    const result = await chat('--target', stub.url, 'hello there');
    expect(result).toMatchObject({ code: 0, stdout: 'Agent stub (default journey) received 2 words: hello there\n' });
    expect(result.stderr).toContain(`→ ${stub.url} (pinned)`);
    expect(result.stderr).toContain('✓ complete');
  });

  it('--json prints NDJSON events: target, status, tokens, complete — one correlation id', async () => {
    const result = await chat('--json', '--target', stub.url, 'hi');
    expect(result.code).toBe(0);
    const events = ndjson(result.stdout);
    expect(events.map((event) => event.type)).toEqual(['target', 'status', ...Array<string>(9).fill('token'), 'complete']);
    const assistant = events.flatMap((event) => (event.type === 'token' && event.role === 'assistant' ? [event.content] : []));
    expect(events.at(-1)).toMatchObject({ type: 'complete', response: assistant.join('') });
    expect(new Set(events.map((event) => event.correlationId)).size).toBe(1);
  });

  it('exits 2 with the error event and its class', async () => {
    stub.setFault('http-500');
    const http = await chat('--json', '--transport', 'http', '--target', stub.url, 'hi');
    stub.setFault('none');
    expect(http.code).toBe(2);
    expect(ndjson(http.stdout).at(-1)).toMatchObject({ type: 'error', error: { class: 'HTTP_STATUS', status: 500 } });

    const refused = await chat('--target', `http://127.0.0.1:${await closedPort()}`, 'hi');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('✗ CONNECTION_REFUSED');
    expect(refused.stderr).toMatch(/correlation id: [0-9a-f-]{36}/);
  });

  it('exits 3 on bad arguments', async () => {
    const cases: string[][] = [
      ['--transport', 'carrier-pigeon', 'hi'],
      [],
      ['--timeout', '10', 'hi'],
      ['--target', 'not a url', 'hi'],
      ['--journey', 'nope', '--target', stub.url, 'hi'],
      ['--workspace', join(dir, 'missing'), 'hi'],
      ['--transport', 'raw', '--target', 'ftp://x/y', 'hi'],
    ];
    for (const args of cases) {
      const result = await chat(...args);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(3);
      expect(result.stderr).toMatch(/^stack-doctor: /);
    }
    const bad = workspace('bad', 'chat:\n  journeys:\n    a: { template: "no placeholder" }\n');
    const invalid = await chat('--workspace', bad, 'hi');
    expect(invalid.code).toBe(3);
    expect(invalid.stderr).toContain('chat.journeys.a.template');
  });

  it('resolves like the diagnosis: alias → localhost fallback from stack-doctor.yaml, journeys applied; unresolvable exits 2', async () => {
    const fallback = stub.url.replace('127.0.0.1', 'localhost');
    const good = workspace(
      'good',
      `orchestrator:\n  url: http://orchestrator-service:8006\n  fallbackUrl: ${fallback}\nchat:\n  journeys:\n    admin: { template: "[admin] {message}" }\n`,
    );
    const result = await chat('--json', '--workspace', good, '--journey', 'admin', 'hi');
    expect(result.code).toBe(0);
    const events = ndjson(result.stdout);
    expect(events[0]).toMatchObject({ type: 'target', decision: 'localhost-fallback', url: fallback });
    expect(events.at(-1)).toMatchObject({ type: 'complete', response: 'Agent stub (journey admin) received 2 words: [admin] hi' });

    const down = workspace('down', `orchestrator:\n  fallbackUrl: http://127.0.0.1:${await closedPort()}\n`);
    const unresolvable = await chat('--json', '--workspace', down, 'hi');
    expect(unresolvable.code).toBe(2);
    expect(ndjson(unresolvable.stdout).map((event) => (event.type === 'error' ? event.error.class : event.type))).toEqual([
      'target',
      'RUNTIME_TARGET_UNRESOLVABLE',
    ]);
  });

  it('raw mode prints each frame received', async () => {
    const result = await chat('--transport', 'raw', '--target', `${stub.url}/health`, '');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'healthy' });
  });

  it('"copy as command" replays the exchange through a real shell', async () => {
    const ws = workspace('copy', 'chat:\n  journeys:\n    admin: { template: "[admin] {message}" }\n');
    const line = buildChatCommand({
      message: "it's $HOME `x`",
      transport: 'http',
      journey: 'admin',
      pinnedTarget: stub.url,
      workspace: ws,
      json: true,
    });
    const result = await run('/bin/sh', ['-c', line.replace(/^stack-doctor /, `'${process.execPath}' '${bin}' `)]);
    expect(result.code, result.stderr).toBe(0);
    expect(ndjson(result.stdout).at(-1)).toMatchObject({
      type: 'complete',
      response: "Agent stub (journey admin) received 4 words: [admin] it's $HOME `x`",
    });
  });
});
