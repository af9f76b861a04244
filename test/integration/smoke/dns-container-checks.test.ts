import { beforeAll, describe, expect, it } from 'vitest';
import { DockerEngineAdapter } from '../../../src/main/adapters/docker/docker-engine.adapter.ts';
import type { SmokeExecPort } from '../../../src/main/core/ports/smoke-exec.port.ts';
import { createDockerFixture } from '../support/docker-fixture.ts';
import { outcomes, runDeclared } from './support/run-declared.ts';

/**
 * dns checks `from: { container: NAME }` on the real engine, with the engine adapter passed as the exec port
 * exactly as the app will (containers addressed by name): the incident's shape, a consumer on the service's
 * network and a devcontainer-like one on another.
 */
const fixture = createDockerFixture();
const engine = DockerEngineAdapter.fromEnvironment();
const exec: SmokeExecPort = engine;

beforeAll(async () => {
  await fixture.network('backend');
  await fixture.network('dev');
  const idle = ['sleep', '3600'];
  await fixture.container({ name: 'orchestrator', cmd: idle, networks: [{ name: 'backend', aliases: ['orchestrator-service'] }] });
  await fixture.container({ name: 'api', cmd: idle, networks: [{ name: 'backend' }] });
  await fixture.container({ name: 'devcontainer', cmd: idle, networks: [{ name: 'dev' }] });
  await fixture.container({ name: 'stopped', cmd: idle, networks: [{ name: 'dev' }], start: false });
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
