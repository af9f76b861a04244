import { describe, expect, it } from 'vitest';
import { answered, fakeHttp } from './support/fake-ports.ts';
import { brief, runChecks as run } from './support/run-checks.ts';

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

describe('skip', () => {
  it('reports a declared skip without calling the port', async () => {
    const http = fakeHttp(() => answered(200));
    const results = await run([{ kind: 'http', name: 'later', url: 'http://api.test/', skip: true }], { http });
    expect(results[0]).toMatchObject({ result: 'skipped', reason: 'skip: true in the smoke suite' });
    expect(http.requests).toEqual([]);
  });
});
