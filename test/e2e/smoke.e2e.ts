import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { SmokePage } from './pages/smoke-page.ts';
import { screenshotPath } from './support/screenshot-path.ts';
import { startServe, type ServeProcess } from './support/serve-process.ts';

/** The README shows this file (docs/screenshots/, rewritten with UPDATE_SCREENSHOTS=1). */
const SCREENSHOT = screenshotPath('smoke-view.png');

test.describe.serial('Smoke and Logs views over serve mode', () => {
  let serve: ServeProcess | undefined;
  let api: Server | undefined;
  let workspace = '';

  test.beforeAll(async () => {
    // A real HTTP service on 127.0.0.1: healthy on /health, degraded on /orders.
    api = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: req.url === '/health' ? 'healthy' : 'degraded' }));
    });
    await new Promise<void>((done) => api!.listen(0, '127.0.0.1', done));
    const port = (api.address() as AddressInfo).port;
    workspace = await mkdtemp(join(tmpdir(), 'sd-e2e-smoke-'));
    const check = (name: string, path: string) =>
      `        - { kind: http, name: ${name}, url: "http://127.0.0.1:${port}${path}", expect: { json: [{ path: $.status, equals: healthy }] } }`;
    await writeFile(
      join(workspace, 'stack-doctor.yaml'),
      ['smoke:', '  suites:', '    http:', '      checks:', check('api health', '/health'), check('orders health', '/orders'), ''].join(
        '\n',
      ),
    );
    serve = await startServe({ workspace });
  });

  test.afterAll(async () => {
    await serve?.stop();
    await new Promise((done) => api?.close(done));
    if (workspace) await rm(workspace, { recursive: true, force: true });
  });

  test('runs a suite and shows the scoreboard with the failing reason, then keeps it in the history', async ({ page }) => {
    const smoke = new SmokePage(page);
    await smoke.open(serve!.url, 'smoke');
    await page.getByTestId('smoke-run-http').click();
    await expect(smoke.scoreboard).toHaveAttribute('data-exit-code', '1');
    await expect(smoke.rows).toHaveCount(2);
    await expect(smoke.row('api health')).toHaveAttribute('data-result', 'pass');
    await expect(smoke.row('orders health')).toHaveAttribute('data-result', 'fail');
    await expect(smoke.row('orders health')).toContainText('$.status is "degraded", expected "healthy"');
    await expect(page.getByTestId('smoke-summary')).toContainText('1/2 passed, 1 failed');
    await expect(smoke.history.locator('li')).toHaveCount(1);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  test('Logs view filters by correlation id and level, and follows a run made elsewhere live', async ({ page, context }) => {
    const smoke = new SmokePage(page);
    await smoke.open(serve!.url, 'smoke');
    await expect(smoke.history.locator('li')).toHaveCount(1);
    const runId = (await page.getByTestId('smoke-summary').locator('.mono').textContent())!.trim();

    await page.getByTestId('tab-logs').click();
    await smoke.filterLogs({ correlationId: runId });
    await expect(smoke.logRows).toHaveCount(2);
    await expect(smoke.logRows.first()).toContainText('smoke run started');
    for (const row of await smoke.logRows.all()) await expect(row).toHaveAttribute('data-correlation-id', runId);
    await smoke.filterLogs({ correlationId: runId, level: 'warn' });
    await expect(smoke.logRows).toHaveCount(0);

    // Live: this page filters on the smoke component; another page runs a suite.
    await smoke.filterLogs({ service: 'smoke' });
    await expect(smoke.logRows).toHaveCount(2);
    const other = new SmokePage(await context.newPage());
    await other.open(serve!.url, 'smoke');
    await other.page.getByTestId('smoke-run-http').click();
    await expect(other.history.locator('li')).toHaveCount(2);
    await expect(smoke.logRows).toHaveCount(4);
    await expect(smoke.logRows.last()).toContainText('smoke run finished');
  });
});
