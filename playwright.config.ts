import { defineConfig } from '@playwright/test';

/**
 * e2e tests drive Debian's Chromium (never a downloaded browser) against `stack-doctor serve`, which each
 * test starts itself against a real Docker engine.
 */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.e2e.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  retries: 0,
  // A stray test.only must fail CI, not shrink it silently.
  forbidOnly: !!process.env.CI,
  // One line per test everywhere; CI adds a JUnit file beside the traces for whoever reads a failed run.
  reporter: process.env.CI ? [['list'], ['junit', { outputFile: 'test-results/e2e-junit.xml' }]] : [['list']],
  outputDir: 'test-results',
  use: {
    headless: true,
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
  },
});
