import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import Docker from 'dockerode';
import { ensureTestImage } from '../integration/support/busybox-image.ts';
import { createDockerFixtureCore } from '../integration/support/docker-fixture-core.ts';
import { startHttpService } from '../integration/support/http-service.ts';
import { HealthPage } from './pages/health-page.ts';
import { startServe, type ServeProcess } from './support/serve-process.ts';

/**
 * A clean stack without an orchestrator (issue 9 §4) in the page: `api` (busybox httpd, /health healthy, published on
 * 127.0.0.1, found without configuration) and `web`, which calls `http://api:8080`. No stack-doctor.yaml. The page
 * shows zero findings of any severity, one neutral line for the orchestrator, and the alias api's host cell as
 * expected.
 */
test.describe.serial('A clean stack in the Health view', () => {
  const docker = new Docker();
  const fixture = createDockerFixtureCore(docker);
  let workspace = '';
  let serve: ServeProcess | undefined;

  test.beforeAll(async () => {
    await ensureTestImage(docker);
    workspace = await mkdtemp(join(tmpdir(), 'stack-doctor-e2e-clean-'));
    const project = `clean-${fixture.runId}`;
    const labels = (service: string) => ({
      'com.docker.compose.project': project,
      'com.docker.compose.service': service,
      'com.docker.compose.project.working_dir': workspace,
      'com.docker.compose.container-number': '1',
    });
    const network = await fixture.network(`${project}_default`, {
      exactName: true,
      labels: { 'com.docker.compose.project': project, 'com.docker.compose.network': 'default' },
    });
    await startHttpService(fixture, {
      name: `${project}-api-1`,
      exactName: true,
      port: 8080,
      labels: labels('api'),
      networks: [{ name: network.name, aliases: ['api'] }],
    });
    await fixture.container({
      name: `${project}-web-1`,
      exactName: true,
      cmd: ['sleep', '3600'],
      env: { API_URL: 'http://api:8080' },
      labels: labels('web'),
      networks: [{ name: network.name, aliases: ['web'] }],
    });
    serve = await startServe({ workspace });
  });

  test.afterAll(async () => {
    await serve?.stop();
    await fixture.dispose();
    if (workspace) await rm(workspace, { recursive: true, force: true });
  });

  test('shows zero findings, "no orchestrator in this stack" once, and the alias from the host as expected', async ({ page }) => {
    const health = new HealthPage(page);
    await health.open(serve!.url);
    await health.expectVerdict('healthy');
    await expect(health.findings).toHaveCount(0);
    await expect(page.getByTestId('orchestrator-absent')).toHaveText(/^no orchestrator in this stack/);
    await expect(page.getByText(/no orchestrator in this stack/)).toHaveCount(1);
    await expect(health.orchestratorDecision).toHaveCount(0);
    await expect(health.matrix.locator('[data-status="expected"]')).not.toHaveCount(0);
  });
});
