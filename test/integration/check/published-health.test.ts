import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../../src/shared/model/index.ts';
import { createDockerFixture } from '../support/docker-fixture.ts';
import { startHttpService } from '../support/http-service.ts';
import { composeLabels, findingsOf, runCheckJson, summarize, tempWorkspace, type TempWorkspace } from './run-check.ts';

/**
 * Health without configuration (issue 9 §3), on the real engine: one compose project whose services publish
 * ports and configure nothing. No stack-doctor.yaml.
 *   degraded  busybox httpd, /health answers {"status":"degraded"}
 *   hang      accepts connections on 7000 and never answers (busybox `nc -ll -e sleep`)
 *   banner    not HTTP: greets with a banner line on 7001 and ignores the request
 *   nohealth  busybox httpd without /health: 404
 *   healthz   busybox httpd without /health; /healthz answers {"status":"unhealthy"}, as its compose
 *             healthcheck (`wget -q -O- http://localhost:8080/healthz`) names
 */
const fixture = createDockerFixture();
let ws: TempWorkspace;
let project: string;
let diagnosis: Diagnosis;
const hostPort: Record<string, number> = {};

const HEALTHZ_TEST = '["CMD", "wget", "-q", "-O-", "http://localhost:8080/healthz"]';

/** A busybox httpd on 8080 serving exactly `files` (path → body), no /health unless listed. */
function httpd(files: Record<string, string>): string[] {
  const writes = Object.entries(files).map(([path, body]) => `printf '%s' '${body}' > /www${path}`);
  return ['sh', '-c', ['mkdir -p /www', ...writes, 'exec httpd -f -p 8080 -h /www'].join(' && ')];
}

beforeAll(async () => {
  ws = await tempWorkspace('sd-published-health-');
  project = fixture.unique('auto');
  await ws.write(
    'compose.yaml',
    [
      `name: ${project}`,
      'services:',
      ...['degraded', 'hang', 'banner', 'nohealth'].flatMap((name) => [`  ${name}:`, `    image: ${fixture.image}`]),
      '  healthz:',
      `    image: ${fixture.image}`,
      '    healthcheck:',
      `      test: ${HEALTHZ_TEST}`,
      '',
    ].join('\n'),
  );
  const labels = (service: string) => composeLabels(ws.dir, project, service);
  const banner = 'printf "#!/bin/sh\\nprintf \\"BANNER-1.0 ready\\\\\\\\r\\\\\\\\n\\"\\nexec sleep 60\\n" > /b.sh && chmod +x /b.sh';
  const [degraded, hang, greeter, nohealth, healthz] = await Promise.all([
    startHttpService(fixture, { name: 'degraded', port: 8080, health: { status: 'degraded' }, labels: labels('degraded') }),
    fixture.container({
      name: 'hang',
      cmd: ['nc', '-ll', '-p', '7000', '-e', 'sleep', '3600'],
      ports: [{ container: 7000 }],
      labels: labels('hang'),
    }),
    fixture.container({
      name: 'banner',
      cmd: ['sh', '-c', `${banner} && exec nc -ll -p 7001 -e /b.sh`],
      ports: [{ container: 7001 }],
      labels: labels('banner'),
    }),
    fixture.container({ name: 'nohealth', cmd: httpd({ '/index.html': 'hi' }), ports: [{ container: 8080 }], labels: labels('nohealth') }),
    fixture.container({
      name: 'healthz',
      cmd: httpd({ '/healthz': '{"status":"unhealthy"}' }),
      ports: [{ container: 8080 }],
      labels: labels('healthz'),
    }),
  ]);
  Object.assign(hostPort, {
    degraded: degraded.hostPort,
    hang: hang.hostPort,
    banner: greeter.hostPort,
    nohealth: nohealth.hostPort,
    healthz: healthz.hostPort,
  });
  await fixture.waitForHttp(`http://127.0.0.1:${hostPort.healthz}/healthz`, { description: 'httpd in healthz' });
  await fixture.waitForHttp(`http://127.0.0.1:${hostPort.nohealth}/index.html`, { description: 'httpd in nohealth' });
  ({ diagnosis } = await runCheckJson(ws));
}, 60_000);

const subject = (service: string): string => `${project}/${service}`;
const httpProbes = (service: string) => diagnosis.services.find((s) => s.name === service)?.probes.filter((p) => p.kind === 'http') ?? [];

describe('check: HTTP health of published ports without configuration', () => {
  it('finds {"status":"degraded"} at GET /health of a published port: HEALTH_DEGRADED', () => {
    const [finding, ...more] = findingsOf(diagnosis, 'HEALTH_DEGRADED', subject('degraded'));
    expect(more, summarize(diagnosis)).toEqual([]);
    expect(finding).toMatchObject({
      severity: 'warning',
      summary: `http://127.0.0.1:${hostPort.degraded}/health reports status "degraded"`,
    });
    expect(finding?.cause).toContain('Found without configuration');
  });

  it('reports a port that accepts and never answers as HTTP_HEALTH_FAILED (TIMEOUT), not as a closed port', () => {
    const [finding] = findingsOf(diagnosis, 'HTTP_HEALTH_FAILED', subject('hang'));
    expect(finding, summarize(diagnosis)).toMatchObject({
      severity: 'error',
      evidence: [{ kind: 'http', ok: false, error: { code: 'TIMEOUT' } }],
    });
    expect(finding?.cause).toContain(`did not answer GET /health within`);
    expect(findingsOf(diagnosis, 'PORT_CLOSED')).toEqual([]);
  });

  it('leaves a port that does not speak HTTP alone: no finding, no HTTP probe', () => {
    expect(
      diagnosis.findings.filter((f) => f.subject === subject('banner')),
      summarize(diagnosis),
    ).toEqual([]);
    expect(httpProbes('banner')).toEqual([]);
  });

  it('reads a 404 at /health as "no health endpoint here": no finding', () => {
    expect(
      diagnosis.findings.filter((f) => f.subject === subject('nohealth')),
      summarize(diagnosis),
    ).toEqual([]);
    expect(httpProbes('nohealth')).toEqual([]);
  });

  it('tries the path the compose healthcheck names when /health is not found: /healthz unhealthy', () => {
    const [finding] = findingsOf(diagnosis, 'HEALTH_DEGRADED', subject('healthz'));
    expect(finding, summarize(diagnosis)).toMatchObject({
      severity: 'error',
      summary: `http://127.0.0.1:${hostPort.healthz}/healthz reports status "unhealthy"`,
    });
  });

  it('says nothing else about this stack', () => {
    const ids = diagnosis.findings.map((f) => `${f.id} ${f.subject}`).sort();
    expect(ids, summarize(diagnosis)).toEqual(
      [`HEALTH_DEGRADED ${subject('degraded')}`, `HEALTH_DEGRADED ${subject('healthz')}`, `HTTP_HEALTH_FAILED ${subject('hang')}`].sort(),
    );
  });
});
