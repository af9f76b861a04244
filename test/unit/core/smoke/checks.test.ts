import { describe, expect, it } from 'vitest';
import { EngineError } from '../../../../src/main/core/ports/docker-engine.port.ts';
import { planSuites, type SmokePorts } from '../../../../src/main/core/smoke/plan-suites.ts';
import { runSmoke } from '../../../../src/main/core/smoke/run-smoke.ts';
import { smokeConfigSchema, type SmokeCheckResult } from '../../../../src/shared/model/index.ts';
import { FakeClock } from '../../support/fake-clock.ts';
import { answered, exited, fakeChat, fakeExec, fakeHttp, fakeNet } from './support/fake-ports.ts';

/** Parses `checks` as one suite `s` (so defaults apply as from a file), runs it, returns the rows. */
async function run(checks: unknown[], ports: Partial<SmokePorts>, suiteTimeoutMs?: number): Promise<SmokeCheckResult[]> {
  const config = smokeConfigSchema.parse({ suites: { s: { checks, ...(suiteTimeoutMs ? { timeoutMs: suiteTimeoutMs } : {}) } } });
  const all: SmokePorts = { http: fakeHttp(() => answered(200)), net: fakeNet([], []), ...ports };
  const result = await runSmoke(planSuites(config, all), new FakeClock());
  if (!result.ok) throw new Error(result.error.message);
  return result.scoreboard.results;
}

const brief = (results: SmokeCheckResult[]) => results.map(({ check, result, reason, target }) => ({ check, result, reason, target }));

describe('http checks', () => {
  it('sends method, headers and a JSON body, within the budget of the check, else the suite, else 5 s', async () => {
    const http = fakeHttp(() => answered(201, '{"id":7}'));
    const results = await run(
      [
        {
          kind: 'http',
          name: 'create',
          method: 'POST',
          url: 'http://api.test/items',
          headers: { 'X-Token': 't0ps3cr3t' },
          body: { a: 1 },
          timeoutMs: 900,
        },
        { kind: 'http', name: 'raw', method: 'PUT', url: 'http://api.test/raw', headers: { 'Content-Type': 'text/plain' }, body: 'hi' },
        {
          kind: 'http',
          name: 'typed json',
          method: 'PATCH',
          url: 'http://api.test/x',
          headers: { 'content-type': 'application/merge-patch+json' },
          body: [1],
        },
      ],
      { http },
      3000,
    );
    expect(results.map((r) => r.result)).toEqual(['pass', 'pass', 'pass']);
    expect(http.requests.map(({ method, url, headers, body, timeoutMs }) => ({ method, url, headers, body, timeoutMs }))).toEqual([
      {
        method: 'POST',
        url: 'http://api.test/items',
        headers: { 'X-Token': 't0ps3cr3t', 'content-type': 'application/json' },
        body: '{"a":1}',
        timeoutMs: 900,
      },
      { method: 'PUT', url: 'http://api.test/raw', headers: { 'Content-Type': 'text/plain' }, body: 'hi', timeoutMs: 3000 },
      {
        method: 'PATCH',
        url: 'http://api.test/x',
        headers: { 'content-type': 'application/merge-patch+json' },
        body: '[1]',
        timeoutMs: 3000,
      },
    ]);
    expect(http.requests.every((request) => request.signal instanceof AbortSignal)).toBe(true);
    const defaults = fakeHttp(() => answered(200));
    await run([{ kind: 'http', name: 'get', url: 'http://api.test/' }], { http: defaults });
    expect(defaults.requests[0]).toMatchObject({ method: 'GET', timeoutMs: 5000, headers: {} });
    expect(defaults.requests[0]?.body).toBeUndefined();
  });

  it('fails with every unmet expectation, and with the adapter code when nothing answered', async () => {
    const http = fakeHttp((request) =>
      request.url.endsWith('/down')
        ? { ok: false, error: { code: 'ECONNREFUSED', message: 'Connection refused (api.test:80)' }, latencyMs: 1 }
        : answered(503, '{"status":"unhealthy"}'),
    );
    const results = await run(
      [
        {
          kind: 'http',
          name: 'health',
          url: 'http://api.test/health',
          expect: { status: 200, json: [{ path: '$.status', equals: 'healthy' }] },
        },
        { kind: 'http', name: 'down', url: 'http://api.test/down' },
      ],
      { http },
    );
    expect(brief(results)).toEqual([
      {
        check: 'health',
        result: 'fail',
        reason: 'status 503, expected 200; $.status is "unhealthy", expected "healthy"',
        target: 'GET http://api.test/health',
      },
      { check: 'down', result: 'fail', reason: 'ECONNREFUSED: Connection refused (api.test:80)', target: 'GET http://api.test/down' },
    ]);
  });

  it('never shows a URL password, a token parameter or a header value in a target or a reason', async () => {
    const url = 'http://admin:hunter22@api.test/x?token=abc123secret&page=2';
    const http = fakeHttp((request) => ({
      ok: false,
      error: { code: 'ERROR', message: `failed ${request.url} with ${JSON.stringify(request.headers)}` },
      latencyMs: 1,
    }));
    const results = await run([{ kind: 'http', name: 'secret', url, headers: { Authorization: 'Bearer s3cr3t-t0ken' } }], { http });
    const text = JSON.stringify(results);
    for (const secret of ['hunter22', 'abc123secret', 's3cr3t-t0ken']) expect(text).not.toContain(secret);
    expect(results[0]?.target).toBe('GET http://admin:***@api.test/x?token=***&page=2');
    expect(results[0]?.reason).toContain('http://admin:***@api.test/x?token=***&page=2');
  });
});

describe('tcp and dns checks', () => {
  it('passes open ports and resolving names, and fails the others with the probe code', async () => {
    const net = fakeNet(['localhost'], ['localhost:6379']);
    const results = await run(
      [
        { kind: 'tcp', name: 'redis', host: 'localhost', port: 6379 },
        { kind: 'tcp', name: 'pg', host: 'localhost', port: 5432 },
        { kind: 'dns', name: 'local', host: 'localhost' },
        { kind: 'dns', name: 'alias', host: 'orchestrator-service', from: 'host' },
      ],
      { net },
    );
    expect(brief(results)).toEqual([
      { check: 'redis', result: 'pass', reason: undefined, target: 'localhost:6379' },
      { check: 'pg', result: 'fail', reason: 'ECONNREFUSED: Connection refused (localhost:5432)', target: 'localhost:5432' },
      { check: 'local', result: 'pass', reason: undefined, target: 'localhost from host' },
      {
        check: 'alias',
        result: 'fail',
        reason: 'ENOTFOUND: Name or service not known (orchestrator-service)',
        target: 'orchestrator-service from host',
      },
    ]);
  });

  it('looks a name up inside a container with getent, then nslookup, as argument vectors', async () => {
    const exec = fakeExec((container, argv) => {
      if (argv[0] === 'getent') return exited(127, '', 'exec: "getent": executable file not found in $PATH');
      if (argv[1] === 'api') return exited(0, 'Server:\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nName:\tapi\nAddress: 172.18.0.2\n');
      return exited(1, '', `nslookup: can't resolve '${argv[1]}'`);
    });
    const results = await run(
      [
        { kind: 'dns', name: 'api from dev', host: 'api', from: { container: 'shop-dev-1' }, timeoutMs: 800 },
        { kind: 'dns', name: 'orch from dev', host: 'orchestrator-service', from: { container: 'shop-dev-1' } },
      ],
      { exec },
    );
    expect(brief(results)).toEqual([
      { check: 'api from dev', result: 'pass', reason: undefined, target: 'api from container shop-dev-1' },
      {
        check: 'orch from dev',
        result: 'fail',
        reason: 'shop-dev-1: nslookup: cannot resolve orchestrator-service',
        target: 'orchestrator-service from container shop-dev-1',
      },
    ]);
    expect(exec.calls.filter((call) => call.argv.includes('api'))).toEqual([
      { container: 'shop-dev-1', argv: ['getent', 'hosts', 'api'], timeoutMs: 800 },
      { container: 'shop-dev-1', argv: ['nslookup', 'api'], timeoutMs: 800 },
    ]);
  });

  it('is an error, not a failure, when the lookup cannot run; a lookup that timed out fails', async () => {
    const exec = fakeExec((container) => {
      if (container === 'gone') throw new EngineError('NOT_FOUND', 'No such container: gone');
      if (container === 'slow') return { exitCode: null, stdout: '', stderr: '', timedOut: true };
      return exited(127, '', 'sh: nslookup: not found');
    });
    const dns = (name: string) => ({ kind: 'dns', name, host: 'api', from: { container: name } });
    const results = await run([dns('gone'), dns('slow'), dns('bare')], { exec });
    expect(brief(results).map(({ check, result, reason }) => [check, result, reason])).toEqual([
      ['gone', 'error', 'gone: lookup could not run: No such container: gone'],
      ['slow', 'fail', 'slow: getent api did not finish within 5000 ms'],
      ['bare', 'error', 'bare: the image has neither getent nor nslookup'],
    ]);
    const without = await run([dns('any')], {});
    expect(without[0]).toMatchObject({ result: 'error', reason: expect.stringMatching(/not available here/) });
  });
});

describe('chat checks', () => {
  const reply = { correlationId: 'cid-1', url: 'ws://localhost:8006/chat/ws/c/s', totalMs: 40 };

  it('passes on complete after enough tokens, with the journey and pinned target passed on', async () => {
    const chat = fakeChat(() => ({ ...reply, tokens: 3, completed: true }));
    const results = await run(
      [{ kind: 'chat', name: 'admin', journey: 'admin', target: 'http://localhost:8006', message: 'hi', timeoutMs: 7000 }],
      { chat },
    );
    expect(brief(results)).toEqual([{ check: 'admin', result: 'pass', reason: undefined, target: 'ws http://localhost:8006' }]);
    expect(chat.requests[0]).toMatchObject({
      transport: 'ws',
      message: 'hi',
      journey: 'admin',
      target: 'http://localhost:8006',
      timeoutMs: 7000,
    });
  });

  it('fails without complete, with too few tokens, or over the budget, naming the correlation id', async () => {
    const chat = fakeChat((request) => {
      if (request.message === 'broken')
        return {
          ...reply,
          tokens: 1,
          completed: false,
          error: { code: 'WS_CLOSED', message: 'The WebSocket closed with 1011 (internal error).' },
        };
      if (request.message === 'quiet') return { ...reply, tokens: 0, completed: true };
      return { ...reply, tokens: 2, completed: true, totalMs: 1200 };
    });
    const results = await run(
      [
        { kind: 'chat', name: 'broken', message: 'broken', transport: 'http' },
        { kind: 'chat', name: 'quiet', message: 'quiet', minTokens: 1 },
        { kind: 'chat', name: 'slow', message: 'slow', timeoutMs: 1000 },
      ],
      { chat },
    );
    expect(brief(results).map(({ check, result, reason, target }) => [check, result, reason, target])).toEqual([
      [
        'broken',
        'fail',
        'WS_CLOSED: The WebSocket closed with 1011 (internal error). (after 1 token; correlation id cid-1)',
        'http (resolved target)',
      ],
      ['quiet', 'fail', 'complete after 0 tokens, expected at least 1 (correlation id cid-1)', 'ws (resolved target)'],
      ['slow', 'fail', 'complete after 1200 ms, over the 1000 ms budget (correlation id cid-1)', 'ws (resolved target)'],
    ]);
  });

  it('is an error when no chat port is wired or the port rejects bad input', async () => {
    const chat = { exchange: () => Promise.reject(new Error('unknown journey "nope"')) };
    const results = await run([{ kind: 'chat', name: 'bad', journey: 'nope' }], { chat });
    expect(results[0]).toMatchObject({ result: 'error', reason: 'unknown journey "nope"' });
    const without = await run([{ kind: 'chat', name: 'none' }], {});
    expect(without[0]).toMatchObject({ result: 'error', reason: expect.stringMatching(/not available here/) });
  });
});

describe('skip', () => {
  it('reports a declared skip without calling the port', async () => {
    const http = fakeHttp(() => answered(200));
    const results = await run([{ kind: 'http', name: 'later', url: 'http://api.test/', skip: true }], { http });
    expect(results[0]).toMatchObject({ result: 'skipped', reason: 'skip: true in the smoke suite' });
    expect(http.requests).toEqual([]);
  });
});
