import { expect, test } from '@playwright/test';
import { RecoveryPage } from './pages/recovery-page.ts';
import { createRecoveryStack, type RecoveryStack } from './support/recovery-stack.ts';
import { screenshotPath } from './support/screenshot-path.ts';
import { startServe, type ServeProcess } from './support/serve-process.ts';

/** The README shows this file (docs/screenshots/, rewritten with UPDATE_SCREENSHOTS=1): a recovery done, one cancelled. */
const SCREENSHOT = screenshotPath('recovery-view.png');

test.describe.serial('Recovery view over serve mode, supervising a real Docker engine', () => {
  let stack: RecoveryStack | undefined;
  let serve: ServeProcess | undefined;

  test.beforeAll(async () => {
    stack = await createRecoveryStack();
    serve = await startServe({ workspace: stack.workspace });
  });

  // eslint-disable-next-line no-empty-pattern -- Playwright wants the fixtures destructured; this hook needs none
  test.afterEach(async ({}, testInfo) => {
    // A failure in CI is read from its output only: the serve child's log says what supervision saw and did.
    if (testInfo.status !== testInfo.expectedStatus) console.log(`serve log, last lines:\n${await serve?.logTail()}`);
  });

  test.afterAll(async () => {
    // The serve child first: it holds the engine's event stream and would recover what the fixture removes.
    await serve?.stop();
    await stack?.dispose();
  });

  test('a crashed service is recovered: healthy again, a SUCCEEDED plan in history', async ({ page }) => {
    const s = stack!;
    const recovery = new RecoveryPage(page);
    await recovery.open(serve!.url);
    await expect(recovery.bar).toHaveAttribute('data-engine', 'connected');
    await expect(recovery.bar).toHaveAttribute('data-paused', 'false');
    // `web` has no health source: it counts as healthy once it has run for the policy's stability window (10 s),
    // counted from when supervision saw it start; a loaded CI machine adds the supervisor's own start-up.
    await expect(recovery.service('web')).toHaveAttribute('data-state', 'healthy', { timeout: 45_000 });
    await expect(recovery.service('web').getByTestId('service-state-line')).toContainText('healthy for');
    const startedBefore = await s.webStartedAt();

    await s.crashWeb();

    // Live: no reload, no click; the supervisor's events refresh the view.
    await expect(recovery.historyOf('web', 'SUCCEEDED')).toHaveCount(1, { timeout: 30_000 });
    await expect(recovery.service('web')).toHaveAttribute('data-state', 'healthy');
    expect(await s.webStartedAt()).not.toBe(startedBefore);
    await expect(recovery.apiError).toHaveCount(0);
  });

  test('a crash-looping service in backoff shows a SCHEDULED plan; Cancel makes it CANCELLED', async ({ page }) => {
    const s = stack!;
    const recovery = new RecoveryPage(page);
    await recovery.open(serve!.url);
    // A slow policy, through the editor (validated by the page, then by main): the plan waits long enough to cancel.
    await recovery.setPolicy('crasher', { strategy: 'linear', initialDelayMs: '60000', maxDelayMs: '120000', maxAttempts: '3' });
    await expect(recovery.service('crasher').getByTestId('edit-policy')).toHaveText('linear');

    await s.startCrasher();

    const scheduled = recovery.plan('crasher', 'SCHEDULED');
    await expect(scheduled).toHaveCount(1, { timeout: 30_000 });
    await expect(scheduled).toContainText(/due in \d+ s/);
    await expect(recovery.service('crasher')).toHaveAttribute('data-state', 'crash-looping');
    await scheduled.getByTestId('cancel-plan').click();

    await expect(recovery.plan('crasher')).toHaveCount(0);
    await expect(recovery.historyOf('crasher', 'CANCELLED')).toHaveCount(1);
    await expect(recovery.historyOf('web', 'SUCCEEDED')).toHaveCount(1);
    await expect(recovery.apiError).toHaveCount(0);
    await recovery.screenshot(SCREENSHOT);
  });

  test('an invalid policy is refused next to its field, and pause/resume flips the switch', async ({ page }) => {
    const recovery = new RecoveryPage(page);
    await recovery.open(serve!.url);
    await recovery.service('web').getByTestId('edit-policy').click();
    await recovery.policyEditor.getByTestId('policy-initialDelayMs').fill('5000');
    await recovery.policyEditor.getByTestId('policy-maxDelayMs').fill('1000');
    await recovery.policyEditor.getByTestId('policy-save').click();
    await expect(recovery.policyEditor.getByTestId('policy-error-maxDelayMs')).toHaveText(
      'maxDelayMs (1000) must be ≥ initialDelayMs (5000)',
    );

    await recovery.toggle.click();
    await expect(recovery.bar).toHaveAttribute('data-paused', 'true');
    await expect(recovery.toggle).toHaveText('Resume supervision');
    await recovery.toggle.click();
    await expect(recovery.bar).toHaveAttribute('data-paused', 'false');
  });
});
