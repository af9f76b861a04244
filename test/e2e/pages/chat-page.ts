import { expect, type Locator, type Page } from '@playwright/test';

export type Transport = 'ws' | 'http' | 'raw';

/** The dashboard's Chat pane, addressed only through its `data-testid`s. */
export class ChatPage {
  readonly tab: Locator;
  readonly input: Locator;
  readonly sendButton: Locator;
  readonly transport: Locator;
  readonly target: Locator;
  readonly pin: Locator;
  readonly journey: Locator;
  readonly breakers: Locator;
  readonly exchanges: Locator;
  readonly compareButton: Locator;
  readonly compareResult: Locator;
  readonly clearButton: Locator;
  readonly sessionId: Locator;
  readonly apiError: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByTestId('chat-tab');
    this.input = page.getByTestId('chat-input');
    this.sendButton = page.getByTestId('chat-send');
    this.transport = page.getByTestId('chat-transport');
    this.target = page.getByTestId('chat-target');
    this.pin = page.getByTestId('chat-pin');
    this.journey = page.getByTestId('chat-journey');
    this.breakers = page.getByTestId('chat-breaker');
    this.exchanges = page.getByTestId('chat-exchange');
    this.compareButton = page.getByTestId('chat-compare');
    this.compareResult = page.getByTestId('chat-compare-result');
    this.clearButton = page.getByTestId('chat-clear');
    this.sessionId = page.getByTestId('chat-session-id');
    this.apiError = page.getByTestId('api-error');
  }

  /** Opens the dashboard and switches to the Chat tab; waits until the pane has its session. */
  async open(url: string): Promise<void> {
    const response = await this.page.goto(url);
    expect(response?.status(), `GET ${new URL(url).pathname} status`).toBe(200);
    await this.tab.click();
    await expect(this.tab).toHaveAttribute('aria-current', 'page');
    await expect(this.sessionId).not.toHaveText('—');
  }

  async useTransport(transport: Transport): Promise<void> {
    // The radios are visually hidden inside their labels (a segmented control): click the label like a user.
    await this.transport.locator('label', { has: this.page.locator(`input[value="${transport}"]`) }).click();
    await expect(this.transport).toHaveAttribute('data-value', transport);
  }

  /** Types the message and clicks Send; returns the new exchange card (the last one). */
  async send(message: string): Promise<Locator> {
    const before = await this.exchanges.count();
    await this.input.fill(message);
    await expect(this.sendButton).toBeEnabled();
    await this.sendButton.click();
    await expect(this.exchanges).toHaveCount(before + 1);
    return this.exchanges.nth(before);
  }

  /** Waits until the exchange ended with `status` (complete or error). */
  async expectEnded(exchange: Locator, status: 'complete' | 'error'): Promise<void> {
    await expect(exchange).toHaveAttribute('data-status', status);
    await expect(this.sendButton).toHaveText('Send');
  }

  breaker(target: string): Locator {
    return this.page.locator(`[data-testid="chat-breaker"][data-target="${target}"]`);
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: true, animations: 'disabled' });
  }
}
