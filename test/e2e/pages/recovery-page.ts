import { expect, type Locator, type Page } from '@playwright/test';

/** The dashboard's Recovery view, addressed only through its `data-testid`s. */
export class RecoveryPage {
  readonly view: Locator;
  readonly bar: Locator;
  readonly toggle: Locator;
  readonly plans: Locator;
  readonly history: Locator;
  readonly policyEditor: Locator;
  readonly apiError: Locator;

  constructor(readonly page: Page) {
    this.view = page.getByTestId('recovery-view');
    this.bar = page.getByTestId('supervision-bar');
    this.toggle = page.getByTestId('supervision-toggle');
    this.plans = page.getByTestId('recovery-plan');
    this.history = page.getByTestId('history-entry');
    this.policyEditor = page.getByTestId('policy-editor');
    this.apiError = page.getByTestId('api-error');
  }

  /** Opens the dashboard and switches to the Recovery tab. */
  async open(url: string): Promise<void> {
    const response = await this.page.goto(url);
    expect(response?.status(), `GET ${new URL(url).pathname} status`).toBe(200);
    await this.page.getByTestId('tab-recovery').click();
    const unavailable = this.page.getByTestId('recovery-unavailable');
    await expect(this.view.or(unavailable)).toBeVisible();
    await expect(unavailable, 'serve runs no supervisor (services.supervisor is missing)').toHaveCount(0);
  }

  /** A service's row; the supervisor may name it `web` or `project/web`, so the name is matched at the end. */
  service(name: string): Locator {
    return this.page.locator(`[data-testid="recovery-service"][data-service$="${name}"]`);
  }

  plan(service: string, state?: string): Locator {
    const byState = state ? `[data-state="${state}"]` : '';
    return this.page.locator(`[data-testid="recovery-plan"][data-service$="${service}"]${byState}`);
  }

  historyOf(service: string, state: string): Locator {
    return this.page.locator(`[data-testid="history-entry"][data-service$="${service}"][data-state="${state}"]`);
  }

  /** Opens a service's policy in the editor, fills the given fields and saves; waits for "Saved". */
  async setPolicy(service: string, fields: { strategy?: string } & Record<string, string>): Promise<void> {
    await this.service(service).getByTestId('edit-policy').click();
    await expect(this.policyEditor).toHaveAttribute('data-service', new RegExp(`${service}$`));
    for (const [name, value] of Object.entries(fields)) {
      const input = this.policyEditor.getByTestId(`policy-${name}`);
      if (name === 'strategy') await input.selectOption(value);
      else await input.fill(value);
    }
    await this.policyEditor.getByTestId('policy-save').click();
    await expect(this.policyEditor.getByTestId('policy-saved')).toBeVisible();
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: true, animations: 'disabled' });
  }
}
