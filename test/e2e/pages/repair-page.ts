import { expect, type Locator, type Page } from '@playwright/test';

/** The dashboard's Repair view, addressed only through its `data-testid`s. */
export class RepairPage {
  readonly view: Locator;
  readonly previewButton: Locator;
  readonly plan: Locator;
  readonly steps: Locator;
  readonly runButton: Locator;
  readonly confirmButton: Locator;
  readonly scoreboard: Locator;
  readonly report: Locator;
  /** The smoke suites that verified the repair (heading with `data-failed`). */
  readonly smoke: Locator;

  constructor(readonly page: Page) {
    this.view = page.getByTestId('repair-view');
    this.previewButton = page.getByTestId('repair-preview');
    this.plan = page.getByTestId('repair-plan');
    this.steps = page.getByTestId('repair-step');
    this.runButton = page.getByTestId('repair-run');
    this.confirmButton = page.getByTestId('repair-confirm');
    this.scoreboard = page.getByTestId('repair-scoreboard');
    this.report = page.getByTestId('repair-report');
    this.smoke = page.getByTestId('repair-smoke');
  }

  /** Opens the dashboard and its Repair tab. */
  async open(url: string): Promise<void> {
    const response = await this.page.goto(url);
    expect(response?.status()).toBe(200);
    await this.page.getByTestId('tab-repair').click();
    await expect(this.view).toBeVisible();
  }

  step(kind: string): Locator {
    return this.page.locator(`[data-testid="repair-step"][data-kind="${kind}"]`);
  }

  closed(findingId: string): Locator {
    return this.page.locator(`[data-testid="repair-closed"][data-finding-id="${findingId}"]`);
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: true });
  }
}
