// Chromium through playwright-core, the recipe of shared/notes/chromium.md:
// a persistent context on a fresh profile, the extension (if any) loaded with
// --disable-extensions-except/--load-extension, and the flags that keep
// Chromium's background connections off this machine's closed network.
import { chromiumFlags } from '../../scripts/lib/chromium-flags.mjs';
import { listenersRegistered } from '../../scripts/lib/extension-worker.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROME_EXTENSION_ID } from './config.mjs';
import { openSessions, within } from './timeout.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * @typedef {{ context: import('playwright-core').BrowserContext, page: import('playwright-core').Page,
 *   worker: import('playwright-core').Worker | undefined, profile: string, close: () => Promise<void> }} ChromiumSession
 */

/**
 * @param {{ extension?: string, extensionId?: string, waitForListeners?: boolean }} o
 *   extension: unpacked folder, or none; waitForListeners (default: for Why 401) until its
 *   webRequest listeners are registered
 * @returns {Promise<ChromiumSession>}
 */
export async function launchChromium({
  extension,
  extensionId,
  waitForListeners = extensionId === CHROME_EXTENSION_ID,
} = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'why401-bench-chromium-'));
  const args = chromiumFlags(extension);
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args,
      timeout: 30_000,
      viewport: { width: 1280, height: 800 },
    });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  const close = async () => {
    openSessions.delete(close);
    await within(context.close(), 15_000, 'closing Chromium').catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  };
  openSessions.add(close);
  try {
    let worker;
    if (extension) {
      // Every extension variant has a worker; waiting for it means every
      // variant starts measuring with its extension fully up.
      const ours = (w) => !extensionId || w.url().startsWith(`chrome-extension://${extensionId}/`);
      worker =
        context.serviceWorkers().find(ours) ??
        (await context.waitForEvent('serviceworker', { predicate: ours, timeout: 15_000 }));
      if (waitForListeners) await listenersRegistered(worker);
    }
    const page = context.pages()[0] ?? (await context.newPage());
    return { context, page, worker, profile, close };
  } catch (e) {
    await close();
    throw e;
  }
}
