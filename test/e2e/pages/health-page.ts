import { expect, type Locator, type Page } from '@playwright/test';

/** Verdicts the banner shows (`data-verdict`). */
export type ShownVerdict = 'healthy' | 'degraded' | 'unhealthy' | 'checking' | 'unknown';

/** The dashboard's Health view, addressed only through its `data-testid`s. */
export class HealthPage {
  readonly verdict: Locator;
  readonly checkNowButton: Locator;
  readonly checking: Locator;
  readonly findings: Locator;
  readonly apiError: Locator;
  readonly matrix: Locator;
  readonly serviceRows: Locator;
  readonly orchestratorDecision: Locator;

  constructor(readonly page: Page) {
    this.verdict = page.getByTestId('verdict');
    this.checkNowButton = page.getByTestId('check-now');
    this.checking = page.getByTestId('checking');
    this.findings = page.getByTestId('finding');
    this.apiError = page.getByTestId('api-error');
    this.matrix = page.getByTestId('matrix');
    this.serviceRows = page.getByTestId('service-row');
    this.orchestratorDecision = page.getByTestId('orchestrator-decision');
  }

  async open(url: string): Promise<void> {
    const response = await this.page.goto(url);
    expect(response?.status(), `GET ${new URL(url).pathname} status`).toBe(200);
    await expect(this.page.getByTestId('tab-health')).toHaveAttribute('aria-current', 'page');
  }

  /** The finding cards with this id (e.g. `CONTAINER_EXITED`). */
  finding(id: string): Locator {
    return this.page.locator(`[data-testid="finding"][data-finding-id="${id}"]`);
  }

  serviceRow(name: string): Locator {
    return this.page.locator(`[data-testid="service-row"][data-service="${name}"]`);
  }

  /** Waits (polling the DOM) until a finished diagnosis shows `verdict` and no check is running. */
  async expectVerdict(verdict: ShownVerdict): Promise<void> {
    await expect(this.verdict).toHaveAttribute('data-verdict', verdict);
    await expect(this.checking).toHaveCount(0);
    await expect(this.apiError).toHaveCount(0);
  }

  /** Clicks Check now and waits for that run to start and finish (the button is disabled while it runs). */
  async checkNow(): Promise<void> {
    await expect(this.checkNowButton).toBeEnabled();
    await this.checkNowButton.click();
    await expect(this.checkNowButton).toBeEnabled();
  }

  /** A full-page screenshot of the view as it is now. */
  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: true, animations: 'disabled' });
  }
}
