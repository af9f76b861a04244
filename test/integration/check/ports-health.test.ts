import { describe, expect, it } from 'vitest';
import { createDockerFixture } from '../support/docker-fixture.ts';
import { startHttpService } from '../support/http-service.ts';
import { composeLabels, findingOf, findingsOf, runCheckJson, summarize, tempWorkspace } from './run-check.ts';

/**
 * Published ports and HTTP health through the real engine. With the userland docker-proxy (the default),
 * a published port whose container port has no listener still accepts the TCP connection on the host and
 * then closes it: the product must report that as PORT_CLOSED, not as an open port.
 */
const fixture = createDockerFixture();

describe('check: published ports', () => {
  it('reports PORT_CLOSED for a published port nothing listens on inside the container; exit 2', async () => {
    const ws = await tempWorkspace('sd-closed-');
    const cache = await fixture.container({
      name: 'cache',
      cmd: ['sleep', '3600'],
      ports: [{ container: 6379 }],
      labels: composeLabels(ws.dir, fixture.unique('shop'), 'cache'),
    });

    const { code, diagnosis } = await runCheckJson(ws);

    const closed = findingOf(diagnosis, 'PORT_CLOSED');
    expect(closed.subject).toBe(`${fixture.unique('shop')}/cache`);
    expect(closed.summary).toContain(`127.0.0.1:${cache.hostPort}`);
    expect(closed.summary).toContain('container port 6379');
    expect(closed.evidence[0]).toMatchObject({ kind: 'tcp', ok: false });
    expect(closed.fix.action).toEqual({ kind: 'restart-container', params: { container: cache.name } });
    expect(diagnosis.verdict).toBe('unhealthy');
    expect(code).toBe(2);
  });

  it('reports an HTTP service whose port has no listener as PORT_CLOSED, not as a failed health check', async () => {
    const ws = await tempWorkspace('sd-closed-http-');
    await fixture.container({
      name: 'silent-api',
      cmd: ['sleep', '3600'],
      ports: [{ container: 8080 }],
      labels: composeLabels(ws.dir, fixture.unique('shop'), 'api'),
    });
    await ws.write('stack-doctor.yaml', 'services:\n  api:\n    healthPath: /health\n');

    const { code, diagnosis } = await runCheckJson(ws);

    findingOf(diagnosis, 'PORT_CLOSED');
    expect(findingsOf(diagnosis, 'HTTP_HEALTH_FAILED'), summarize(diagnosis)).toEqual([]);
    expect(code).toBe(2);
  });
});

describe('check: HTTP health body', () => {
  it('reports {"status":"degraded"} at the configured health URL as HEALTH_DEGRADED; verdict degraded, exit 1', async () => {
    const ws = await tempWorkspace('sd-degraded-');
    const api = await startHttpService(fixture, {
      name: 'api',
      port: 8080,
      health: { status: 'degraded', checks: { database: 'slow' } },
      labels: composeLabels(ws.dir, fixture.unique('shop'), 'api'),
    });
    const healthUrl = `${api.url}/health`;
    await ws.write('stack-doctor.yaml', `services:\n  api:\n    health: ${healthUrl}\n`);

    const { code, diagnosis } = await runCheckJson(ws);

    const degraded = findingOf(diagnosis, 'HEALTH_DEGRADED');
    expect(degraded).toMatchObject({ severity: 'warning', subject: `${fixture.unique('shop')}/api` });
    expect(degraded.summary).toBe(`${healthUrl} reports status "degraded"`);
    expect(degraded.evidence[0]).toMatchObject({ kind: 'http', target: healthUrl, detail: { status: 200, healthStatus: 'degraded' } });
    expect(
      diagnosis.findings.filter((f) => f.severity !== 'info'),
      summarize(diagnosis),
    ).toHaveLength(1);
    expect(diagnosis.verdict).toBe('degraded');
    expect(code).toBe(1);
  });
});
