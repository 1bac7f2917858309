// One e2e suite, two browsers. Browsers are the system's (never downloaded):
// Chromium through playwright-core, Firefox ESR through puppeteer-core, both
// launched by the fixtures in e2e/fixtures, so `use.browserName` is unused.
import { defineConfig } from '@playwright/test';
import type { E2eWorkerOptions } from './e2e/fixtures/test.ts';

export default defineConfig<object, E2eWorkerOptions>({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Two cores: one worker per browser runs the two projects side by side.
  workers: 2,
  fullyParallel: false,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list'], ['github']] : 'list',
  outputDir: 'test-results',
  projects: [
    { name: 'chromium', use: { browserKind: 'chromium' } },
    { name: 'firefox', use: { browserKind: 'firefox' } },
  ],
});
