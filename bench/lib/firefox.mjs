// Firefox ESR through puppeteer-core over WebDriver BiDi, the recipe of
// shared/notes/firefox.md: the unpacked extension installed as a temporary
// add-on, host permissions granted at install, a private TMPDIR removed after.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { FIREFOX_EXTENSION_UUID, GECKO_ID } from './config.mjs';
import { openSessions, within } from './timeout.mjs';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/**
 * @typedef {{ browser: import('puppeteer-core').Browser, page: import('puppeteer-core').Page, profile: string, close: () => Promise<void> }} FirefoxSession
 */

/** @param {{ extension?: string }} o @returns {Promise<FirefoxSession>} */
export async function launchFirefox({ extension } = {}) {
  const tmp = mkdtempSync(join(tmpdir(), 'why401-bench-firefox-'));
  const profile = join(tmp, 'profile');
  let browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      userDataDir: profile,
      env: { ...process.env, TMPDIR: tmp },
      args: ['--remote-allow-system-access'],
      timeout: 30_000,
      protocolTimeout: 60_000,
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
        'extensions.originControls.grantByDefault': true,
      },
    });
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  const close = async () => {
    openSessions.delete(close);
    await within(browser.close(), 15_000, 'closing Firefox').catch(() => {
      try {
        browser.process()?.kill('SIGKILL');
      } catch {
        // already gone
      }
    });
    rmSync(tmp, { recursive: true, force: true });
  };
  openSessions.add(close);
  try {
    if (extension)
      await within(browser.installExtension(extension), 20_000, 'installing the add-on');
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    return { browser, page, profile, close };
  } catch (e) {
    await close();
    throw e;
  }
}
