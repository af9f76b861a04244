import type { Locator, Page } from '@playwright/test';
import { HealthPage } from './health-page.ts';

/** The browser globals the in-page timing uses (the e2e files compile without the DOM lib). */
interface TimingGlobals {
  document: { querySelector(selector: string): { click(): void } | null };
  performance: { now(): number };
  requestAnimationFrame(callback: () => void): number;
  setTimeout(callback: () => void, ms: number): number;
}

/** The Health view at scale: service groups, their problems and collapsed healthy services, timed interactions. */
export class HealthScalePage extends HealthPage {
  readonly groups: Locator;

  constructor(page: Page) {
    super(page);
    this.groups = page.getByTestId('service-group');
  }

  /** The services group of one project (or `devcontainer`). */
  group(project: string): Locator {
    return this.page.locator(`[data-testid="service-group"][data-project="${project}"]`);
  }

  /** The "N healthy services" toggle of a group. */
  healthyToggle(project: string): Locator {
    return this.group(project).getByTestId('healthy-toggle');
  }

  /** The rows a group shows now, in order. */
  rows(project: string): Locator {
    return this.group(project).getByTestId('service-row');
  }

  /** The probes of one service row with a status (`ok`, `failed`, `expected`). */
  probes(service: string, status?: 'ok' | 'failed' | 'expected'): Locator {
    const filter = status ? `[data-status="${status}"]` : '';
    return this.serviceRow(service).locator(`[data-testid="probe"]${filter}`);
  }

  /** The truth matrix's project block. */
  matrixProject(project: string): Locator {
    return this.matrix.locator(`.project[data-project="${project}"]`);
  }

  /**
   * Clicks `clickSelector` inside the page and measures, with `performance.now()`, until `doneSelector`
   * matches and the frame showing it has been produced (the next animation frame, then a task after it):
   * what the user waits for between the click and seeing its effect, in ms.
   */
  async timeClick(clickSelector: string, doneSelector: string, timeoutMs = 5000): Promise<number> {
    return this.page.evaluate(
      async ({ clickSelector, doneSelector, timeoutMs }) => {
        const w = globalThis as unknown as TimingGlobals;
        const target = w.document.querySelector(clickSelector);
        if (!target) throw new Error(`nothing to click at ${clickSelector}`);
        const start = w.performance.now();
        target.click();
        await new Promise<void>((resolve, reject) => {
          const check = () => {
            if (w.document.querySelector(doneSelector)) w.requestAnimationFrame(() => w.setTimeout(resolve, 0));
            else if (w.performance.now() - start > timeoutMs) reject(new Error(`${doneSelector} did not appear within ${timeoutMs} ms`));
            else w.requestAnimationFrame(check);
          };
          check();
        });
        return w.performance.now() - start;
      },
      { clickSelector, doneSelector, timeoutMs },
    );
  }
}
