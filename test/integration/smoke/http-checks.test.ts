import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderJunitXml } from '../../../src/main/core/smoke/junit-xml.ts';
import { smokeExitCode } from '../../../src/main/core/smoke/scoreboard.ts';
import { childrenNamed, parseXml } from '../../unit/core/smoke/support/xml-tree.ts';
import { closedPort } from '../orchestrator/chat-fixture.ts';
import { outcomes, runDeclared } from './support/run-declared.ts';
import { socketsDrained, startSmokeServer, type SmokeServer } from './support/smoke-server.ts';

let server: SmokeServer;
beforeAll(async () => {
  server = await startSmokeServer();
});
afterAll(() => server.close());

const http = (name: string, path: string, more: Record<string, unknown> = {}) => ({
  kind: 'http',
  name,
  url: `${server.url}${path}`,
  ...more,
});

describe('http checks against a real server on 127.0.0.1', () => {
  it('passes status, body text and JSON path expectations that hold', async () => {
    const board = await runDeclared({
      suites: {
        http: {
          checks: [
            http('health', '/health', {
              expect: {
                status: 200,
                json: [
                  { path: '$.status', equals: 'healthy' },
                  { path: '$.checks[0]', equals: { ok: true, name: 'db' } },
                ],
              },
            }),
            http('text', '/text', { expect: { bodyContains: ['systems', 'go'] } }),
            http('redirect seen as is', '/moved', { expect: { status: [301, 308] } }),
            http('any 2xx', '/health'),
          ],
        },
      },
    });
    expect(outcomes(board)).toEqual({
      health: ['pass', undefined],
      text: ['pass', undefined],
      'redirect seen as is': ['pass', undefined],
      'any 2xx': ['pass', undefined],
    });
    expect(smokeExitCode(board)).toBe(0);
    expect(await socketsDrained(server)).toBe(0);
  });

  it('fails with the reason: wrong status, missing text, wrong or missing JSON values, not JSON, refused', async () => {
    const refused = await closedPort();
    const board = await runDeclared({
      suites: {
        http: {
          timeoutMs: 3000,
          checks: [
            http('degraded', '/degraded', { expect: { json: [{ path: '$.status', equals: 'healthy' }] } }),
            http('text', '/text', { expect: { bodyContains: 'all systems down' } }),
            http('version', '/health', {
              expect: {
                json: [
                  { path: '$.version', equals: '2.0.0' },
                  { path: '$.build.sha', equals: 'abc' },
                ],
              },
            }),
            http('not json', '/text', { expect: { json: [{ path: '$.status', equals: 'ok' }] } }),
            http('missing', '/nope'),
            { kind: 'http', name: 'refused', url: `http://127.0.0.1:${refused}/health` },
          ],
        },
      },
    });
    expect(outcomes(board)).toEqual({
      degraded: ['fail', 'status 503, expected 2xx; $.status is "degraded", expected "healthy"'],
      text: ['fail', 'body does not contain "all systems down"'],
      version: ['fail', '$.version is "1.4.2", expected "2.0.0"; $.build.sha is missing (the body has nothing under the root)'],
      'not json': ['fail', 'body is not JSON'],
      missing: ['fail', 'status 404, expected 2xx'],
      refused: ['fail', `ECONNREFUSED: Connection refused (127.0.0.1:${refused})`],
    });
    expect(board).toMatchObject({ passed: 0, failed: 6, total: 6 });
    expect(smokeExitCode(board)).toBe(1);
  });

  it('sends method, headers and a JSON body, and URL credentials as Basic authorization without showing them', async () => {
    const board = await runDeclared({
      suites: {
        api: {
          checks: [
            http('post', '/echo', {
              method: 'POST',
              headers: { 'X-Api-Key': 'k-123456789' },
              body: { item: 'tea', qty: 2 },
              expect: {
                json: [
                  { path: '$.method', equals: 'POST' },
                  { path: '$.body', equals: '{"item":"tea","qty":2}' },
                ],
              },
            }),
            { kind: 'http', name: 'private', url: `http://admin:s3cr3t%20pass@127.0.0.1:${server.port}/private`, expect: { status: 200 } },
            { kind: 'http', name: 'private without', url: `${server.url}/private`, expect: { status: 200 } },
          ],
        },
      },
    });
    expect(outcomes(board)).toEqual({
      post: ['pass', undefined],
      private: ['pass', undefined],
      'private without': ['fail', 'status 401, expected 200'],
    });
    const post = server.requests.find((r) => r.path === '/echo');
    expect(post?.headers).toMatchObject({ 'x-api-key': 'k-123456789', 'content-type': 'application/json', 'user-agent': 'stack-doctor' });
    expect(board.results[1]?.target).toBe(`GET http://admin:***@127.0.0.1:${server.port}/private`);
    const printed = JSON.stringify(board) + renderJunitXml(board);
    expect(printed).not.toContain('s3cr3t');
    expect(printed).not.toContain('k-123456789');
  });

  it('fails a server that never answers within the budget, and a JUnit file of the run parses with a conforming parser', async () => {
    const started = performance.now();
    const board = await runDeclared({
      suites: { slow: { checks: [http('hangs', '/hang', { timeoutMs: 300 }), http('fine', '/health')] } },
    });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(board.results[0]).toMatchObject({
      result: 'fail',
      reason: expect.stringMatching(/^TIMEOUT: GET http:\/\/127\.0\.0\.1:\d+\/hang did not complete within 300 ms$/),
    });
    expect(board.results[0]?.durationMs).toBeGreaterThanOrEqual(290);
    expect(board.results[0]?.durationMs).toBeLessThan(300 + 250);
    const root = parseXml(renderJunitXml(board));
    const cases = childrenNamed(childrenNamed(root, 'testsuite')[0]!, 'testcase');
    expect(cases.map((c) => [c.attributes.name, c.children.map((e) => e.name)])).toEqual([
      ['hangs', ['failure', 'system-out']],
      ['fine', ['system-out']],
    ]);
    expect(await socketsDrained(server)).toBe(0);
  });
});
