import { expect, type Locator, type Page } from '@playwright/test';

/** The dashboard's Smoke and Logs views, addressed only through their `data-testid`s. */
export class SmokePage {
  readonly scoreboard: Locator;
  readonly rows: Locator;
  readonly history: Locator;
  readonly logRows: Locator;

  constructor(readonly page: Page) {
    this.scoreboard = page.getByTestId('smoke-scoreboard');
    this.rows = this.scoreboard.getByTestId('smoke-row');
    this.history = page.getByTestId('smoke-history');
    this.logRows = page.getByTestId('log-row');
  }

  async open(url: string, tab: 'smoke' | 'logs'): Promise<void> {
    const response = await this.page.goto(url);
    expect(response?.status()).toBe(200);
    await this.page.getByTestId(`tab-${tab}`).click();
  }

  row(check: string): Locator {
    return this.rows.filter({ hasText: check });
  }

  async filterLogs(filter: { correlationId?: string; service?: string; level?: string }): Promise<void> {
    await this.page.getByTestId('logs-correlation').fill(filter.correlationId ?? '');
    await this.page.getByTestId('logs-service').fill(filter.service ?? '');
    await this.page.getByTestId('logs-level').selectOption(filter.level ?? '');
    await this.page.getByTestId('logs-apply').click();
  }
}
