import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { AgentStub } from '../../../src/tools/agent-stub/agent-stub.server.ts';
import { smokeScoreboardSchema } from '../../../src/shared/model/index.ts';
import { childrenNamed, parseXml } from '../../unit/core/smoke/support/xml-tree.ts';
import { tempWorkspace, type TempWorkspace } from '../check/run-check.ts';
import { StubPool } from '../orchestrator/chat-fixture.ts';
import { createDockerFixture } from '../support/docker-fixture.ts';
import { startHttpService, type HttpService } from '../support/http-service.ts';
import { runCli } from './run-cli.ts';

/**
 * `stack-doctor smoke` as a user runs it: the real CLI against busybox services on the real engine and the
 * real agent stub; the JUnit file is read back by saxes, a conforming XML parser.
 */
const fixture = createDockerFixture();
const pool = new StubPool();
let ws: TempWorkspace;
let healthy: HttpService;
let degraded: HttpService;
let stub: AgentStub;

beforeAll(async () => {
  ws = await tempWorkspace('sd-smoke-cli-');
  healthy = await startHttpService(fixture, { name: 'web', port: 8080, health: { status: 'healthy' } });
  degraded = await startHttpService(fixture, { name: 'orders', port: 8080, health: { status: 'degraded' } });
  stub = await pool.start();
  const http = (name: string, service: HttpService) => ({
    kind: 'http',
    name,
    url: `${service.url}/health`,
    expect: { json: [{ path: '$.status', equals: 'healthy' }] },
  });
  const config = {
    smoke: {
      suites: {
        http: { timeoutMs: 3000, checks: [http('web health', healthy)] },
        infrastructure: { checks: [{ kind: 'tcp', name: 'web port', host: '127.0.0.1', port: healthy.hostPort }] },
        chat: { timeoutMs: 5000, checks: [{ kind: 'chat', name: 'ws journey', transport: 'ws', target: stub.url, minTokens: 1 }] },
        orders: { checks: [http('orders health', degraded)] },
      },
    },
  };
  await ws.write('stack-doctor.yaml', stringify(config));
});
afterAll(() => pool.closeAll());

describe('stack-doctor smoke', () => {
  it('exits 0 when every check of the suite passes and writes JUnit that a conforming parser reads', async () => {
    const junit = join(ws.dir, 'junit.xml');
    const run = await runCli(ws, ['smoke', '--workspace', ws.dir, '--suite', 'http', '--junit', junit]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^http\s+web health\s+pass/m);
    expect(run.stdout).toMatch(/1 passed, 0 failed, 0 errors, 0 skipped \(1 check\)/);
    const root = parseXml(await readFile(junit, 'utf8'));
    expect(root.name).toBe('testsuites');
    const suites = childrenNamed(root, 'testsuite');
    expect(suites.map((s) => [s.attributes.name, s.attributes.tests, s.attributes.failures])).toEqual([['http', '1', '0']]);
  });

  it('passes a chat journey against the agent stub and a tcp check on a published port', async () => {
    for (const suite of ['chat', 'infrastructure']) {
      const run = await runCli(ws, ['smoke', '--workspace', ws.dir, '--suite', suite, '--json']);
      expect(run.code, run.stdout + run.stderr).toBe(0);
      const board = smokeScoreboardSchema.parse(JSON.parse(run.stdout));
      expect(board.results.map((r) => [r.suite, r.result])).toEqual([[suite, 'pass']]);
    }
  });

  it('exits 1 and names the reason when a check fails, in the scoreboard, the JSON and the JUnit failure', async () => {
    const junit = join(ws.dir, 'orders.xml');
    const run = await runCli(ws, ['smoke', '--workspace', ws.dir, '--suite', 'orders', '--junit', junit]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/orders\s+orders health\s+FAIL\s+\S+ ms\s+\$\.status is "degraded", expected "healthy"/);
    const testcase = childrenNamed(childrenNamed(parseXml(await readFile(junit, 'utf8')), 'testsuite')[0]!, 'testcase')[0]!;
    expect(childrenNamed(testcase, 'failure')[0]?.attributes.message).toBe('$.status is "degraded", expected "healthy"');
    const json = await runCli(ws, ['smoke', '--workspace', ws.dir, '--suite', 'orders', '--json']);
    expect(json.code).toBe(1);
    expect(smokeScoreboardSchema.parse(JSON.parse(json.stdout)).failed).toBe(1);
  });

  it('runs every declared suite and the built-in diagnosis suite without --suite', async () => {
    const run = await runCli(ws, ['smoke', '--workspace', ws.dir, '--json']);
    const board = smokeScoreboardSchema.parse(JSON.parse(run.stdout));
    expect(board.suites.map((s) => s.name)).toEqual(['http', 'infrastructure', 'chat', 'orders', 'diagnosis']);
    // The workspace has no compose file: the diagnosis finds no stack, and its suite says so.
    expect(board.results.find((r) => r.suite === 'diagnosis' && r.check.startsWith('NO_STACK_FOUND'))?.result).toBe('fail');
    expect(run.code).toBe(1);
  });

  it('exits 3 for an unknown suite, naming the suites there are', async () => {
    const run = await runCli(ws, ['smoke', '--workspace', ws.dir, '--suite', 'nope']);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('stack-doctor: no smoke suite named "nope" (suites: http, infrastructure, chat, orders, diagnosis)\n');
  });

  it('exits 3 for an invalid suite with the file, line and field', async () => {
    const bad = await tempWorkspace('sd-smoke-bad-');
    await bad.write(
      'stack-doctor.yaml',
      [
        'smoke:',
        '  suites:',
        '    http:',
        '      checks:',
        '        - kind: http',
        '          name: x',
        '          url: ftp://nope',
        '',
      ].join('\n'),
    );
    const run = await runCli(bad, ['smoke', '--workspace', bad.dir]);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(
      `stack-doctor: invalid stack config: ${join(bad.dir, 'stack-doctor.yaml')}:7:11 smoke.suites.http.checks.0.url: an http:// or https:// URL\n`,
    );
  });

  it('exits 3 for a JUnit file it cannot write, and for bad arguments', async () => {
    const unwritable = await runCli(ws, [
      'smoke',
      '--workspace',
      ws.dir,
      '--suite',
      'http',
      '--junit',
      join(ws.dir, 'no', 'such', 'dir.xml'),
    ]);
    expect(unwritable.code).toBe(3);
    expect(unwritable.stderr).toMatch(/^stack-doctor: cannot write the JUnit report to .*dir\.xml: ENOENT/);
    const badOption = await runCli(ws, ['smoke', '--bogus']);
    expect(badOption.code).toBe(3);
  });
});
