import { beforeAll, describe, expect, it } from 'vitest';
import { DockerEngineAdapter } from '../../../src/main/adapters/docker/docker-engine.adapter.ts';
import type { SmokeExecPort } from '../../../src/main/core/ports/smoke-exec.port.ts';
import { renderJunitXml } from '../../../src/main/core/smoke/junit-xml.ts';
import { smokeExitCode } from '../../../src/main/core/smoke/scoreboard.ts';
import { childrenNamed, parseXml } from '../../unit/core/smoke/support/xml-tree.ts';
import { createDockerFixture } from '../support/docker-fixture.ts';
import { startHttpService, type HttpService } from '../support/http-service.ts';
import { outcomes, runDeclared } from './support/run-declared.ts';

/**
 * Smoke suites against busybox services on the real engine. dns checks `from: { container: NAME }` with the engine adapter passed as the exec port
 * exactly as the app will (containers addressed by name): the incident's shape, a consumer on the service's
 * network and a devcontainer-like one on another.
 */
const fixture = createDockerFixture();
const engine = DockerEngineAdapter.fromEnvironment();
const exec: SmokeExecPort = engine;
let healthy: HttpService;
let degraded: HttpService;

beforeAll(async () => {
  await fixture.network('backend');
  await fixture.network('dev');
  const idle = ['sleep', '3600'];
  await fixture.container({ name: 'orchestrator', cmd: idle, networks: [{ name: 'backend', aliases: ['orchestrator-service'] }] });
  await fixture.container({ name: 'api', cmd: idle, networks: [{ name: 'backend' }] });
  await fixture.container({ name: 'devcontainer', cmd: idle, networks: [{ name: 'dev' }] });
  await fixture.container({ name: 'stopped', cmd: idle, networks: [{ name: 'dev' }], start: false });
  healthy = await startHttpService(fixture, { name: 'web', port: 8080, health: { status: 'healthy', db: { ok: true } } });
  degraded = await startHttpService(fixture, { name: 'orders', port: 8080, health: { status: 'degraded', db: { ok: false } } });
});

describe('a smoke run over published busybox services', () => {
  it('scores the infrastructure and http suites, fails on the degraded service, and writes JUnit CI can read', async () => {
    const health = (service: HttpService) => `${service.url}/health`;
    const board = await runDeclared({
      suites: {
        infrastructure: {
          timeoutMs: 3000,
          checks: [
            { kind: 'tcp', name: 'api port', host: '127.0.0.1', port: healthy.hostPort },
            { kind: 'tcp', name: 'orders port', host: '127.0.0.1', port: degraded.hostPort },
          ],
        },
        http: {
          timeoutMs: 3000,
          checks: [
            {
              kind: 'http',
              name: 'api health',
              url: health(healthy),
              expect: {
                json: [
                  { path: '$.status', equals: 'healthy' },
                  { path: '$.db.ok', equals: true },
                ],
              },
            },
            { kind: 'http', name: 'orders health', url: health(degraded), expect: { json: [{ path: '$.status', equals: 'healthy' }] } },
            { kind: 'http', name: 'api info', url: `${healthy.url}/info`, skip: true },
          ],
        },
      },
    });
    expect(outcomes(board)).toEqual({
      'api port': ['pass', undefined],
      'orders port': ['pass', undefined],
      'api health': ['pass', undefined],
      'orders health': ['fail', '$.status is "degraded", expected "healthy"'],
      'api info': ['skipped', 'skip: true in the smoke suite'],
    });
    expect(board.suites.map(({ name, passed, failed, skipped, total }) => [name, passed, failed, skipped, total])).toEqual([
      ['infrastructure', 2, 0, 0, 2],
      ['http', 1, 1, 1, 3],
    ]);
    expect(smokeExitCode(board)).toBe(1);
    const suites = childrenNamed(parseXml(renderJunitXml(board)), 'testsuite');
    expect(suites.map((s) => [s.attributes.name, s.attributes.tests, s.attributes.failures, s.attributes.skipped])).toEqual([
      ['infrastructure', '2', '0', '0'],
      ['http', '3', '1', '1'],
    ]);
    const failure = childrenNamed(childrenNamed(suites[1]!, 'testcase')[1]!, 'failure')[0];
    expect(failure?.attributes.message).toBe('$.status is "degraded", expected "healthy"');
  });
});

describe('dns checks from inside containers, real engine', () => {
  it('passes where the alias lives, fails where it does not, and is an error where no lookup can run', async () => {
    const from = (base: string) => ({ container: fixture.unique(base) });
    const board = await runDeclared(
      {
        concurrency: 2,
        suites: {
          infrastructure: {
            timeoutMs: 10_000,
            checks: [
              { kind: 'dns', name: 'alias from api', host: 'orchestrator-service', from: from('api') },
              { kind: 'dns', name: 'alias from dev', host: 'orchestrator-service', from: from('devcontainer') },
              { kind: 'dns', name: 'from a stopped one', host: 'orchestrator-service', from: from('stopped') },
              { kind: 'dns', name: 'from nowhere', host: 'orchestrator-service', from: from('never-created') },
            ],
          },
        },
      },
      { exec },
    );
    const byName = outcomes(board);
    expect(byName['alias from api']).toEqual(['pass', undefined]);
    expect(byName['alias from dev']).toEqual(['fail', `${fixture.unique('devcontainer')}: nslookup: cannot resolve orchestrator-service`]);
    expect(byName['from a stopped one']?.[0]).toBe('error');
    expect(byName['from a stopped one']?.[1]).toMatch(/lookup could not run/);
    expect(byName['from nowhere']?.[0]).toBe('error');
    expect(byName['from nowhere']?.[1]).toMatch(/lookup could not run/);
    expect(board.results[1]?.target).toBe(`orchestrator-service from container ${fixture.unique('devcontainer')}`);
  });
});
