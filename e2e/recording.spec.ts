// Recording, end to end, the same body on Chromium and Firefox: every demo
// scenario's 401/407 is stored for its tab (masked), counted on the badge,
// listed in the popup; records outlive a stopped background and are
// forgotten when the tab shows a new document.
import { scenarios, type DemoServer, type Scenario } from './demo/server.mjs';
import { until, type Driver, type DriverPage } from './fixtures/driver.ts';
import {
  apiUrlOf,
  expectedTypes,
  notSurfacedBy,
  recordsOf,
  scenarioPreparation,
} from './fixtures/records.ts';
import { expect, test } from './fixtures/test.ts';

const prepare = scenarioPreparation();

// Firefox suspends an idle event page after this long: short, so the suite
// also runs with an event page that comes and goes, and stopBackground() is quick.
test.use({ firefoxIdleTimeoutMs: 2_000 });

const CAUSE_ID = /^[a-z]+(-[a-z]+)*$/;

/** Opens a tab at a URL of its own (so its id can be found), then returns both. */
async function openTab(driver: Driver, demo: DemoServer, label: string) {
  const page = await driver.newPage();
  await page.goto(`${demo.origin}/?tab=${encodeURIComponent(label)}-${Date.now()}`);
  const tabId = await driver.tabIdOf(page);
  return { page, tabId };
}

/** Loads a scenario page in `page` and waits until its page says it is done. */
async function runScenario(page: DriverPage, demo: DemoServer, s: Scenario) {
  const url = `${demo.origin}/s/${s.name}`;
  if (s.trigger === 'navigation') {
    // The page navigates on to a Basic-protected page: Chromium fails it fast,
    // Firefox waits on a password prompt nothing answers. Don't wait for it.
    await page.goto(url, { wait: 'none' });
    return;
  }
  await page.goto(url);
  await page.waitFor('main[data-state="done"]');
}

/** Secrets the browser sent to the scenario's API: Authorization credentials and cookie values. */
function secretsSent(demo: DemoServer, apiUrl: string): string[] {
  const secrets = new Set<string>();
  for (const r of demo.requests.filter((q) => q.url === apiUrl)) {
    const auth = r.headers.authorization;
    if (auth) {
      secrets.add(auth);
      const credential = auth.replace(/^\S+\s+/, '');
      secrets.add(credential);
      // A long piece from the middle: a mask may keep a short prefix, never this.
      if (credential.length >= 32) secrets.add(credential.slice(12, 36));
    }
    for (const m of (r.headers.cookie ?? '').matchAll(/=([^;]{8,})/g)) secrets.add(m[1] ?? '');
  }
  secrets.delete('');
  return [...secrets];
}

test.describe('each scenario', () => {
  for (const s of scenarios) {
    test(`${s.name}: stored for its tab, on the badge, in the popup, masked`, async ({
      driver,
      demo,
    }) => {
      const why = notSurfacedBy(driver.kind, s);
      test.skip(why !== undefined, why);

      const { page, tabId } = await openTab(driver, demo, s.name);
      expect(await driver.badgeText(tabId)).toBe('');

      await prepare(driver, s, demo, () => runScenario(page, demo, s));
      await runScenario(page, demo, s);
      const apiUrl = apiUrlOf(s, demo.origin, demo.altOrigin);
      // The server really answered: the fixture did its part.
      await until(
        async () => demo.requests.filter((r) => r.url === apiUrl && r.method === s.method).length,
        (n) => n >= s.count,
        { what: `${s.count} ${s.method} ${apiUrl} at the server` },
      );

      // storage.session: one record per 401, for this tab, with type, method, status.
      const records = await until(
        () => recordsOf(driver, tabId),
        (r) => r.length >= s.count,
        { what: `${s.count} record(s) in storage.session tab:${tabId}` },
      );
      expect(records).toHaveLength(s.count);
      for (const r of records) {
        expect(r.tabId).toBe(tabId);
        expect(expectedTypes(s)).toContain(r.type);
        expect(r.evidence).toMatchObject({ method: s.method, url: apiUrl, status: s.status });
      }

      // Badge: the number of 401/407s on the page.
      await expect.poll(() => driver.badgeText(tabId)).toBe(String(s.count));

      // Popup, as a tab showing this tab: one item per 401, each with a cause.
      const popup = await driver.openPopup(tabId);
      await popup.waitFor('[data-testid="record"]');
      await expect.poll(() => popup.count('[data-testid="record"]')).toBe(s.count);
      const items = await popup.evaluate(() =>
        [...document.querySelectorAll('[data-testid="record"]')].map((li) => ({
          status: li.getAttribute('data-status'),
          method: li.getAttribute('data-method'),
          type: li.getAttribute('data-type'),
          text: li.textContent ?? '',
          cause: li.querySelector('[data-cause]')?.getAttribute('data-cause') ?? null,
        })),
      );
      for (const item of items) {
        expect(item).toMatchObject({ status: String(s.status), method: s.method });
        expect(expectedTypes(s)).toContain(item.type);
        expect(item.text).toContain(apiUrl);
        expect(item.cause).toMatch(CAUSE_ID);
      }

      // Secrets: never in either store, whole or in part.
      const secrets = secretsSent(demo, apiUrl);
      if (s.name.startsWith('bearer') || s.name === 'auth-loop') {
        expect(secrets.length, 'a Bearer token was sent').toBeGreaterThan(0);
      }
      const stores = JSON.stringify([
        await driver.storageDump('session'),
        await driver.storageDump('local'),
      ]);
      for (const secret of secrets) expect(stores).not.toContain(secret);
    });
  }
});

test.describe('lifecycle', () => {
  test('records survive a stopped background, which appends after it restarts', async ({
    driver,
    demo,
  }) => {
    const { page, tabId } = await openTab(driver, demo, 'restart');
    await runScenario(
      page,
      demo,
      scenarios.find((s) => s.name === 'bearer-expired')!,
    );
    await until(
      () => recordsOf(driver, tabId),
      (r) => r.length === 1,
      { what: 'the first record' },
    );
    await expect.poll(() => driver.badgeText(tabId)).toBe('1');

    await driver.stopBackground();
    expect(await driver.backgroundRunning()).toBe(false);

    // The next 401 wakes the background; it must add to what was stored, not start over.
    await page.evaluate(async () => {
      await fetch('/api/basic-no-credentials', { credentials: 'omit', cache: 'no-store' });
    });
    const records = await until(
      () => recordsOf(driver, tabId),
      (r) => r.length >= 2,
      { what: 'the old and the new record' },
    );
    expect(records.map((r) => new URL(r.evidence.url).pathname)).toEqual([
      '/api/bearer-expired',
      '/api/basic-no-credentials',
    ]);
    await expect.poll(() => driver.badgeText(tabId)).toBe('2');

    const popup = await driver.openPopup(tabId);
    await expect.poll(() => popup.count('[data-testid="record"]')).toBe(2);
  });

  test('records are forgotten when the tab shows a new document', async ({ driver, demo }) => {
    const { page, tabId } = await openTab(driver, demo, 'forget');
    await runScenario(
      page,
      demo,
      scenarios.find((s) => s.name === 'auth-loop')!,
    );
    await until(
      () => recordsOf(driver, tabId),
      (r) => r.length === 5,
      { what: 'five records' },
    );
    await expect.poll(() => driver.badgeText(tabId)).toBe('5');

    await page.goto(`${demo.origin}/?next=${Date.now()}`);
    await until(
      () => recordsOf(driver, tabId),
      (r) => r.length === 0,
      { what: 'the records to be forgotten' },
    );
    await expect.poll(() => driver.badgeText(tabId)).toBe('');

    // And a 401 on the new page counts from one again.
    await page.evaluate(async () => {
      await fetch('/api/basic-no-credentials', { credentials: 'omit', cache: 'no-store' });
    });
    await expect.poll(() => driver.badgeText(tabId)).toBe('1');
  });
});
