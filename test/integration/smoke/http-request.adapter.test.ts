import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BODY_BYTES, sendHttpRequest } from '../../../src/main/adapters/smoke/http-request.adapter.ts';
import { socketsDrained, startSmokeServer, type SmokeServer } from './support/smoke-server.ts';

let server: SmokeServer;
beforeAll(async () => {
  server = await startSmokeServer();
});
afterAll(() => server.close());

describe('sendHttpRequest (node:http, one connection per request)', () => {
  it('answers status, lower-case headers and the body, and closes its connection', async () => {
    const reply = await sendHttpRequest({ method: 'GET', url: `${server.url}/health`, timeoutMs: 2000 });
    expect(reply).toMatchObject({ ok: true, status: 200, truncated: false, headers: { 'content-type': 'application/json' } });
    if (!reply.ok) return;
    expect(JSON.parse(reply.body)).toMatchObject({ status: 'healthy' });
    expect(server.requests.at(-1)?.headers.connection).toBe('close');
    expect(await socketsDrained(server)).toBe(0);
  });

  it('cuts a body at the cap and says so', async () => {
    const small = await sendHttpRequest({ method: 'GET', url: `${server.url}/big`, timeoutMs: 5000, maxBodyBytes: 1000 });
    expect(small).toMatchObject({ ok: true, status: 200, truncated: true });
    if (small.ok) expect(small.body).toHaveLength(1000);
    const whole = await sendHttpRequest({ method: 'GET', url: `${server.url}/big`, timeoutMs: 5000 });
    if (whole.ok) expect([whole.body.length, whole.truncated]).toEqual([DEFAULT_MAX_BODY_BYTES, true]);
    expect(await socketsDrained(server)).toBe(0);
  });

  it('reports TIMEOUT within the budget and ABORTED when the signal fires, leaving no socket', async () => {
    const timedOut = await sendHttpRequest({ method: 'GET', url: `${server.url}/hang`, timeoutMs: 200 });
    expect(timedOut).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    expect(timedOut.latencyMs).toBeGreaterThanOrEqual(190);
    expect(timedOut.latencyMs).toBeLessThan(1000);

    const controller = new AbortController();
    const pending = sendHttpRequest({ method: 'GET', url: `${server.url}/hang`, timeoutMs: 10_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'ABORTED' } });
    expect(
      await sendHttpRequest({ method: 'GET', url: `${server.url}/hang`, timeoutMs: 10_000, signal: AbortSignal.abort() }),
    ).toMatchObject({
      ok: false,
      error: { code: 'ABORTED' },
    });
    expect(await socketsDrained(server)).toBe(0);
  });

  it('reports bad URLs, unknown names and invalid header values as values', async () => {
    expect(await sendHttpRequest({ method: 'GET', url: 'ftp://127.0.0.1/', timeoutMs: 500 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_URL' },
    });
    const bad = await sendHttpRequest({ method: 'GET', url: `${server.url}/health`, headers: { 'x-bad': 'line\nbreak' }, timeoutMs: 500 });
    expect(bad.ok).toBe(false);
    const unknown = await sendHttpRequest({ method: 'GET', url: 'http://no-such-host.invalid/', timeoutMs: 3000 });
    expect(unknown).toMatchObject({ ok: false });
    if (!unknown.ok) expect(['ENOTFOUND', 'EAI_AGAIN', 'TIMEOUT']).toContain(unknown.error.code);
  });
});
