import { beforeAll, describe, expect, it } from 'vitest';
import { createDockerFixture } from '../support/docker-fixture.ts';
import { startHttpService } from '../support/http-service.ts';
import { composeLabels, runCheck, runCheckJson, summarize, tempWorkspace, type TempWorkspace } from './run-check.ts';

/**
 * A clean compose stack as compose itself would leave it: a compose.yaml in the workspace, its
 * `<project>_default` network, `api` (HTTP health ok, Docker HEALTHCHECK healthy, 8080 published on
 * 127.0.0.1) and `web`, which calls `http://api:8080` and depends on it. No orchestrator in this stack, no
 * stack-doctor.yaml: nothing configured, and the report has nothing to say.
 */
const fixture = createDockerFixture();
let ws: TempWorkspace;

beforeAll(async () => {
  ws = await tempWorkspace('sd-healthy-');
  const project = fixture.unique('shop');
  const network = `${project}_default`;
  await ws.write(
    'compose.yaml',
    [
      `name: ${project}`,
      'services:',
      '  api:',
      `    image: ${fixture.image}`,
      '    ports: ["127.0.0.1::8080"]',
      '  web:',
      `    image: ${fixture.image}`,
      '    environment:',
      '      API_URL: http://api:8080',
      '    depends_on: [api]',
      '',
    ].join('\n'),
  );
  await fixture.network(network, {
    exactName: true,
    labels: { 'com.docker.compose.project': project, 'com.docker.compose.network': 'default' },
  });
  const api = await startHttpService(fixture, {
    name: `${project}-api-1`,
    exactName: true,
    port: 8080,
    networks: [{ name: network, aliases: ['api'] }],
    labels: composeLabels(ws.dir, project, 'api'),
    healthcheck: { test: ['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:8080/health'], intervalMs: 200 },
  });
  await fixture.container({
    name: `${project}-web-1`,
    exactName: true,
    cmd: ['sleep', '3600'],
    env: { API_URL: 'http://api:8080' },
    networks: [{ name: network, aliases: ['web'] }],
    labels: composeLabels(ws.dir, project, 'web'),
  });
  await fixture.waitForHealth(api.id, 'healthy');
});

describe('check: a healthy stack', () => {
  it('is healthy with exit 0 and zero findings of any severity: web resolves api from inside, api answers /health', async () => {
    const { code, diagnosis } = await runCheckJson(ws);

    // A clean stack is silent (issue 9 §4): not even an info finding.
    expect(diagnosis.findings, summarize(diagnosis)).toEqual([]);
    expect(diagnosis.verdict).toBe('healthy');
    expect(code).toBe(0);

    expect(diagnosis.projects).toHaveLength(1);
    expect(diagnosis.projects[0]).toMatchObject({ kind: 'compose', containersUp: 2, containersTotal: 2 });
    const row = diagnosis.projects[0]?.targets.find((t) => t.consumer === 'web');
    expect(row).toMatchObject({ host: 'api', port: 8080, fromContainer: { resolves: true, basis: 'topology+lookup' } });
    const api = diagnosis.services.find((s) => s.name === 'api');
    expect(api?.container).toMatchObject({ state: 'running', health: 'healthy' });
    expect(api?.probes.find((p) => p.kind === 'http')).toMatchObject({ ok: true, detail: { status: 200, healthStatus: 'healthy' } });
    expect(api?.probes.find((p) => p.kind === 'tcp')).toMatchObject({ ok: true });
    expect(diagnosis.services.find((s) => s.name === 'web')?.dependsOn).toEqual(['api']);
    // Nothing configures, calls or names an orchestrator here: the section says so once, nothing was probed.
    expect(diagnosis.orchestrator).toMatchObject({ present: false, decision: 'not-checked', attempts: [] });
    expect(diagnosis.orchestrator.reason).toMatch(/^no orchestrator in this stack/);
  });

  it('prints the human report without ANSI escapes on a non-TTY, verdict line first', async () => {
    const { code, stdout, stderr } = await runCheck(ws);

    expect(code).toBe(0);
    expect(stdout).not.toContain('\u001b[');
    expect(stdout.split('\n')[0]).toMatch(/^✔ HEALTHY {2}0 errors, 0 warnings, 0 info · 2 services · \d+ ms$/);
    expect(stdout).toContain('Runtime truth matrix');
    expect(stdout).toContain('web → http://api:8080');
    expect(stdout.match(/no orchestrator in this stack/g)).toHaveLength(1);
    expect(stdout).toContain('No findings.');
    // The docker alias api does not resolve from the host, by design: shown neutral, not as "resolves no".
    expect(stdout).toMatch(/from host: {6}– \S+ \(docker alias: expected from the host\)/);
    expect(stderr).toBe('');
  });
});
