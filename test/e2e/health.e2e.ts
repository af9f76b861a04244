import { expect, test } from '@playwright/test';
import { HealthPage } from './pages/health-page.ts';
import { createBrokenStack, type BrokenStack } from './support/broken-stack.ts';
import { startServe, type ServeProcess } from './support/serve-process.ts';
import { recordWsFrames } from './support/ws-frames.ts';
import { screenshotPath } from './support/screenshot-path.ts';

/** The README shows this file (docs/screenshots/, rewritten with UPDATE_SCREENSHOTS=1): the broken state. */
const SCREENSHOT = screenshotPath('health-view.png');

test.describe.serial('Health view over serve mode, against a real Docker engine', () => {
  let stack: BrokenStack | undefined;
  let serve: ServeProcess | undefined;

  test.beforeAll(async () => {
    stack = await createBrokenStack();
    serve = await startServe({ workspace: stack.workspace });
  });

  test.afterAll(async () => {
    // Both always run, also after a failure: the serve child first (it holds the engine's event stream).
    await serve?.stop();
    await stack?.dispose();
  });

  test('without the token the server answers 401, not the dashboard', async ({ page }) => {
    const response = await page.goto(`${serve!.origin}/`);
    expect(response?.status()).toBe(401);
    await expect(page.locator('body')).toContainText('Unauthorized');
    await expect(page.getByTestId('verdict')).toHaveCount(0);

    const wrong = await page.goto(`${serve!.origin}/?token=not-the-token`);
    expect(wrong?.status()).toBe(401);
  });

  test('shows the exited container, then the healthy stack after the fix and Check now', async ({ page }) => {
    const s = stack!;
    const health = new HealthPage(page);
    const ws = recordWsFrames(page);
    await health.open(serve!.url);

    // No click: the page's WebSocket carries the first diagnosis — the main process's own periodic check runs at
    // once, so it is either the answer to getLastDiagnosis or a diagnosis:completed event pushed to the page.
    await health.expectVerdict('unhealthy');
    expect(ws.sockets.map((socket) => new URL(socket.url()).pathname)).toEqual(['/ws']);
    const carried = ws.received.some(
      (f) =>
        (f.kind === 'event' && f.channel === 'diagnosis:completed') ||
        (f.kind === 'result' && (f.result?.value as { verdict?: string } | null | undefined)?.verdict === 'unhealthy'),
    );
    expect(carried, 'the first diagnosis came over the page WebSocket').toBe(true);

    const exited = health.finding('CONTAINER_EXITED');
    await expect(exited).toHaveCount(1);
    await expect(exited).toContainText(`${s.project}/api`);
    await expect(exited.getByTestId('finding-summary')).toHaveText(`${s.apiContainer} exited with code 1`);
    await expect(exited).toContainText(`docker start ${s.apiContainer}`);
    await expect(health.findings).toHaveCount(1);
    await expect(health.orchestratorDecision).toHaveAttribute('data-decision', 'as-configured');
    await expect(health.serviceRow('api')).toContainText('exited');
    await expect(health.serviceRow('orchestrator-service')).toContainText('running');
    await expect(health.matrix).toContainText(s.project);
    await expect(health.matrix).toContainText('http://orchestrator-service:8006');
    await health.screenshot(SCREENSHOT);

    await s.fix();
    const runsBefore = ws.runsSent().length;
    await health.checkNow();

    // The click itself sent diagnosis:run and its answer is healthy (not an auto refresh that happened by).
    await expect.poll(() => ws.runsSent().length).toBeGreaterThan(runsBefore);
    const clicked = ws.runsSent()[runsBefore]!;
    await expect.poll(() => ws.resultVerdict(clicked.id!)).toBe('healthy');
    await health.expectVerdict('healthy');
    await expect(health.findings).toHaveCount(0);
    await expect(health.serviceRow('api')).toContainText('running');
  });
});
