import { expect, test } from '@playwright/test';
import { RepairPage } from './pages/repair-page.ts';
import { createIncidentStack, type IncidentStack } from './support/incident-stack.ts';
import { screenshotPath } from './support/screenshot-path.ts';
import { startServe, type ServeProcess } from './support/serve-process.ts';

/** The README shows this file (docs/screenshots/, rewritten with UPDATE_SCREENSHOTS=1): the repaired incident. */
const SCREENSHOT = screenshotPath('repair-view.png');

test.describe.serial('Repair view over serve mode, against a real Docker engine', () => {
  let stack: IncidentStack | undefined;
  let serve: ServeProcess | undefined;

  test.beforeAll(async () => {
    // The engine is shared with other runs; building the image and the stack can take a while under load.
    test.setTimeout(300_000);
    stack = await createIncidentStack();
    serve = await startServe({ workspace: stack.workspace, startTimeoutMs: 60_000 });
  });

  test.afterAll(async () => {
    await serve?.stop();
    await stack?.dispose();
  });

  test('the dev container on the wrong network is repaired in one click: preview → confirm → DNS finding closed', async ({ page }) => {
    test.setTimeout(240_000);
    const s = stack!;
    const repair = new RepairPage(page);
    await repair.open(serve!.url);
    expect(await s.aliasResolvesInDev()).toBe(false);

    await repair.previewButton.click();
    // This machine is a container (/.dockerenv): the localhost pin is not offered, the connect is.
    const connect = repair.step('network-connect');
    await expect(connect).toHaveCount(1, { timeout: 90_000 });
    await expect(connect.getByTestId('repair-step-command')).toHaveText(`docker network connect ${s.backend} ${s.devContainer}`);
    await expect(connect).toContainText('DNS_UNRESOLVABLE_FROM_CONTAINER');
    await expect(connect).toHaveAttribute('data-status', 'pending');
    // A preview touches nothing.
    expect(await s.aliasResolvesInDev()).toBe(false);

    await repair.runButton.click();
    await repair.confirmButton.click();

    await expect(repair.scoreboard).toBeVisible({ timeout: 120_000 });
    await expect(connect).toHaveAttribute('data-status', 'succeeded');
    await expect(repair.closed('DNS_UNRESOLVABLE_FROM_CONTAINER')).toHaveCount(1);
    // The workspace's smoke suite verified it: the alias resolves inside the dev container.
    await expect(repair.smoke).toHaveAttribute('data-failed', '0');
    await expect(repair.smoke).toContainText('1/1 passed');
    await expect(repair.report).toContainText('.md');
    expect(await s.aliasResolvesInDev()).toBe(true);
    await repair.screenshot(SCREENSHOT);
  });
});
