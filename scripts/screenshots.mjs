// Regenerates the README's screenshots (panel and popup, light and dark) from
// the built extension in the system's Chromium against the local demo.
//   npm run build && node scripts/screenshots.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startDemoServer } from '../e2e/demo/server.mjs';
import { chromiumFlags } from './lib/chromium-flags.mjs';
import { listenersRegistered } from './lib/extension-worker.mjs';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist/chrome');
const out = join(root, 'docs/screenshots');
const EXT = 'chrome-extension://idmobkfjdifklmjhnlbppckmfnncakfi';

const demo = await startDemoServer();
const profile = mkdtempSync(join(tmpdir(), 'why401-shots-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1100, height: 720 },
  args: chromiumFlags(dist),
});
try {
  const worker =
    context.serviceWorkers()[0] ??
    (await context.waitForEvent('serviceworker', { timeout: 15000 }));
  await listenersRegistered(worker);
  for (const scheme of ['light', 'dark']) {
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${demo.origin}/s/bearer-expired`);
    await page.locator('why401-panel [data-cause]').first().waitFor();
    // Let the panel's entrance animation finish.
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(out, `panel-${scheme}.png`) });

    const tabId = await worker.evaluate(async (url) => {
      const tabs = await chrome.tabs.query({});
      return tabs.find((t) => t.url === url)?.id;
    }, page.url());
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 440, height: 600 });
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.goto(`${EXT}/src/popup/index.html?tabId=${tabId}`);
    await popup.locator('[data-testid="record"] [data-cause]').first().waitFor();
    await popup.screenshot({ path: join(out, `popup-${scheme}.png`) });
    await popup.close();
    await page.close();
  }
  console.log(`screenshots written to ${out}`);
} finally {
  await context.close();
  await demo.close();
  rmSync(profile, { recursive: true, force: true });
}
