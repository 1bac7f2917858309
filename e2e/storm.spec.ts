// Storms and restarts (issue #6), in both browsers: a page firing thousands
// of 401s keeps storage at the per-tab cap with the newest records and the
// right count, the badge says so with coalesced updates, the page stays
// responsive; a background stopped mid-storm or before the popup opens loses
// nothing below the cap and duplicates nothing.
//
// WHY401_STORM=10000 runs the full storm (default 1,000 — still past the
// badge's "999+" — to fit CI's time budget).
import type { DemoServer } from './demo/server.mjs';
import { until, type Driver } from './fixtures/driver.ts';
import { storedTab } from './fixtures/records.ts';
import { expect, test } from './fixtures/test.ts';

// A short idle timeout lets Firefox suspend its event page between bursts.
test.use({ firefoxIdleTimeoutMs: 2_000 });

const STORM = Number(process.env.WHY401_STORM ?? 1_000);
/** src/background/records.ts DEFAULT_CAP */
const CAP = 50;
/**
 * A storm is over after a two-second window with few 401s
 * (src/background/storm.ts): two windows and a margin. The browser is shared
 * by the tests of a worker, and a storm left running would change how the
 * next test's 401s are read.
 */
const STORM_OVER_MS = 4_500;
const stormOver = () => new Promise((r) => setTimeout(r, STORM_OVER_MS));

interface TabEntry {
  count: number;
  records: {
    id: string;
    time: number;
    inStorm?: true;
    repeats?: number;
    evidence: { url: string; authScheme?: string; requestHeadersComplete: boolean };
  }[];
}

async function tabEntry(driver: Driver, tabId: number): Promise<TabEntry> {
  const dump = await driver.storageDump('session');
  return storedTab<TabEntry>(dump[`tab:${tabId}`]) ?? { count: 0, records: [] };
}

const indexOf = (url: string) => Number(new URL(url).searchParams.get('i'));

interface StormState {
  fired: number;
  ok401: number;
  /** Status of the one fetch to /x/api/storm/other, halfway. */
  other: number;
  ms: number;
  maxGap: number;
  ticks: number;
  frames: number;
}

async function storm(driver: Driver, demo: DemoServer, query: string, wait = true) {
  const page = await driver.newPage();
  await page.goto(`${demo.origin}/x/storm?${query}&t=${Date.now()}`);
  const tabId = await driver.tabIdOf(page);
  const done = async () => {
    await page.waitFor('main[data-state="done"]', { timeoutMs: 120_000 });
    return JSON.parse(await page.text('#state')) as StormState;
  };
  return { page, tabId, state: wait ? await done() : undefined, done };
}

/**
 * Counts action.setBadgeText calls in the running background: Chromium's
 * service worker directly; Firefox's event page through getBackgroundPage().
 */
async function countBadgeWrites(driver: Driver): Promise<void> {
  await driver.evalInExtension(async () => {
    type Action = { setBadgeText: (...a: unknown[]) => Promise<void> };
    type G = {
      browser: { action: Action; runtime: { getBackgroundPage(): Promise<G> } };
      __badgeWrites?: number;
    };
    let g = globalThis as unknown as G;
    if (!('ServiceWorkerGlobalScope' in globalThis))
      g = await g.browser.runtime.getBackgroundPage();
    g.__badgeWrites = 0;
    const action = g.browser.action;
    const original = action.setBadgeText.bind(action);
    action.setBadgeText = (...a: unknown[]) => {
      g.__badgeWrites = (g.__badgeWrites ?? 0) + 1;
      return original(...a);
    };
  });
}

async function badgeWrites(driver: Driver): Promise<number> {
  return driver.evalInExtension(async () => {
    type G = { browser: { runtime: { getBackgroundPage(): Promise<G> } }; __badgeWrites?: number };
    let g = globalThis as unknown as G;
    if (!('ServiceWorkerGlobalScope' in globalThis))
      g = await g.browser.runtime.getBackgroundPage();
    return g.__badgeWrites ?? -1;
  });
}

test.describe('a 401 storm', () => {
  test(`${STORM} 401s from one page: capped, counted, read in full before it, badge coalesced, page responsive`, async ({
    driver,
    demo,
  }) => {
    test.setTimeout(60_000 + STORM * 20);
    // Wake the background and start counting its badge writes.
    const warm = await storm(driver, demo, 'n=1&c=1');
    await until(
      () => tabEntry(driver, warm.tabId),
      (e) => e.count === 1,
      { what: 'the warm-up 401' },
    );
    await countBadgeWrites(driver);

    const { page, tabId, state } = await storm(driver, demo, `n=${STORM}&c=6`);
    test.info().annotations.push({ type: 'storm', description: JSON.stringify(state) });
    expect(state?.ok401).toBe(STORM);
    expect(state?.other).toBe(401);
    const total = STORM + 1;

    const entry = await until(
      () => tabEntry(driver, tabId),
      (e) => e.count === total,
      { what: `count ${total}`, timeoutMs: 30_000 },
    );
    // The cap holds, and every 401 is counted. Past 100 401s in two seconds
    // (src/background/storm.ts) Why 401 stops reading what requests send: the
    // storm endpoint's later 401s are counted against its records from
    // before, which show the token it carried; the other endpoint, first
    // heard from in the storm, is recorded and says its request went unread.
    expect(entry.records).toHaveLength(CAP);
    expect(new Set(entry.records.map((r) => r.id)).size).toBe(CAP);
    const [others, storming] = [
      entry.records.filter((r) => r.evidence.url.includes('/storm/other')),
      entry.records.filter((r) => !r.evidence.url.includes('/storm/other')),
    ];
    for (const r of storming) {
      expect(r.inStorm).toBeUndefined();
      expect(r.evidence.requestHeadersComplete).toBe(true);
      expect(r.evidence.authScheme).toBe('Bearer');
    }
    // Counted, not recorded: the storm's 401s after it started are not among the kept,
    // they are counted on the newest record of their endpoint at the time.
    expect(Math.max(...storming.map((r) => indexOf(r.evidence.url)))).toBeLessThan(STORM / 2);
    const repeats = storming.reduce((n, r) => n + (r.repeats ?? 0), 0);
    expect(repeats).toBeGreaterThan(STORM / 2);
    expect(repeats).toBeLessThan(STORM);
    expect(others).toHaveLength(1);
    expect(others[0]!.inStorm).toBe(true);
    expect(others[0]!.evidence.requestHeadersComplete).toBe(false);
    expect(await driver.badgeText(tabId)).toBe(total > 999 ? '999+' : String(total));

    // Coalesced: far fewer badge writes than 401s (one per stored batch, none once the
    // text stays "999+").
    const writes = await badgeWrites(driver);
    test.info().annotations.push({ type: 'setBadgeText calls', description: String(writes) });
    expect(writes).toBeGreaterThan(0);
    expect(writes).toBeLessThan(STORM / 4);

    // The page kept running: its 10 ms timer never stalled for long, frames were drawn.
    // (Measured: 0.3–1 s worst stall on 2 loaded cores; the in-page panel re-rendering is
    // most of it — see docs/security.md.)
    expect(state?.maxGap).toBeLessThan(2_000);
    expect(state?.frames).toBeGreaterThan(0);

    // The popup shows the true count, draws the first 5 records (FIRST_RECORDS in
    // src/popup/first-view.ts, which imports the extension API: not loadable here), and
    // all 50 (the cap) on request.
    // The unread one says so: it is the newest, the first drawn.
    const popup = await driver.openPopup(tabId);
    await expect.poll(() => popup.count('[data-testid="record"]')).toBe(5);
    expect(await popup.text('.count')).toContain(String(total));
    expect(await popup.count('[data-testid="storm-unread"]')).toBe(1);
    expect(await popup.count('[data-testid="storm-repeats"]')).toBeGreaterThan(0);
    await popup.click('[data-action="show-all"]');
    await expect.poll(() => popup.count('[data-testid="record"]')).toBe(CAP);
    expect(await popup.count('[data-action="show-all"]')).toBe(0);

    // Once the storm is over (a window of two seconds with few 401s), what requests
    // send is read again: the other endpoint's next 401 is recorded in full.
    await stormOver();
    await page.evaluate(async () => {
      await fetch('/x/api/storm/other?after=storm', {
        cache: 'no-store',
        headers: { Authorization: 'Bearer storm-e2e-token' },
      });
    });
    const after = await until(
      () => tabEntry(driver, tabId),
      (e) => e.count === total + 1,
      { what: 'the 401 after the storm' },
    );
    const last = after.records.at(-1)!;
    expect(last.evidence.url).toContain('after=storm');
    expect(last.inStorm).toBeUndefined();
    expect(last.evidence.authScheme).toBe('Bearer');
  });
});

test.describe('a storm across a reload', () => {
  test('the new page loses none of its 401s to the page it replaced', async ({ driver, demo }) => {
    test.setTimeout(120_000);
    const first = await storm(driver, demo, 'n=5000&c=6', false);
    await until(
      () => tabEntry(driver, first.tabId),
      (e) => e.count >= 400,
      { what: 'the first storm under way', timeoutMs: 30_000 },
    );
    // Reloaded into a shorter storm while the first is still firing: the new
    // page's first 401s come before the browser reports its commit.
    const n = 400;
    await first.page.goto(`${demo.origin}/x/storm?n=${n}&c=6&t=${Date.now()}`);
    const state = await first.done();
    expect(state.ok401).toBe(n);
    expect(state.other).toBe(401);
    // None of the new page's 401s is lost. The line between the pages is when
    // the navigation started (records.ts commitRecords), and the old page goes
    // on firing until it unloads: a few of its requests, started after that
    // line, count for the new page (Chromium: 3 here; Firefox: none).
    await until(
      () => tabEntry(driver, first.tabId),
      (e) => e.count >= n + 1,
      { what: `count ${n + 1}`, timeoutMs: 30_000 },
    );
    await new Promise((r) => setTimeout(r, 1_000));
    const settled = await tabEntry(driver, first.tabId);
    expect(settled.count).toBeGreaterThanOrEqual(n + 1);
    // (Bounded, though: the old page fired thousands; on a loaded machine its
    // unload comes later, and more of them fall after the line.)
    expect(settled.count).toBeLessThanOrEqual(n + 1 + 100);
    // Everything counted sits on a record of the page: the commit lost nothing.
    // Below the cap, exactly. At the cap the oldest records go and the count
    // keeps their 401s (records.ts mergeRecords): on a loaded machine the
    // storm can end during the reload, and the new page's first 401s are then
    // records of their own until it starts again (seen once in clean-clone
    // CI: the records held 386 of 437).
    const counted = settled.records.reduce((k, r) => k + 1 + (r.repeats ?? 0), 0);
    if (settled.records.length < CAP) expect(counted).toBe(settled.count);
    else expect(counted).toBeLessThanOrEqual(settled.count);
    await stormOver();
  });
});

test.describe('restarts', () => {
  test('background stopped mid-storm: nothing lost below the cap, nothing duplicated', async ({
    driver,
    demo,
  }) => {
    const n = 40;
    // 15 answered, 15 in flight across the stop (the server holds them until the background is
    // surely gone), 10 after: the stop falls in the middle of the page's stream of 401s.
    const { page, tabId } = await storm(driver, demo, 'n=15&c=3');
    await until(
      () => tabEntry(driver, tabId),
      (e) => e.count === 15,
      { what: 'the first 15' },
    );
    // Chromium's worker stops at once (CDP); Firefox suspends its event page after 2 s idle.
    const hold = driver.kind === 'firefox' ? 9_000 : 3_000;
    await page.evaluate((d: number) => {
      const w = window as unknown as { inflight: Promise<unknown>[]; settled: number };
      w.settled = 0;
      w.inflight = Array.from({ length: 15 }, (_, k) =>
        fetch(`/x/api/storm?i=${15 + k}&d=${d}`, { cache: 'no-store' }).then(() => w.settled++),
      );
    }, hold);
    await driver.stopBackground();
    expect(await driver.backgroundRunning()).toBe(false);
    expect(await page.evaluate(() => (window as unknown as { settled: number }).settled)).toBe(0);
    await page.evaluate(async () => {
      await Promise.all((window as unknown as { inflight: Promise<unknown>[] }).inflight);
      for (let i = 30; i < 40; i++) await fetch(`/x/api/storm?i=${i}`, { cache: 'no-store' });
    });
    const entry = await until(
      () => tabEntry(driver, tabId),
      (e) => e.count >= n,
      { what: `${n} records`, timeoutMs: 15_000 },
    );
    expect(entry.count).toBe(n);
    expect(entry.records).toHaveLength(n);
    expect(new Set(entry.records.map((r) => r.id)).size).toBe(n);
    expect(entry.records.map((r) => indexOf(r.evidence.url)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: n }, (_, i) => i),
    );
    await expect.poll(() => driver.badgeText(tabId)).toBe(String(n));
  });

  test('background stopped between a 401 and opening the popup: panel and popup still right', async ({
    driver,
    demo,
  }) => {
    const page = await driver.newPage();
    await page.goto(`${demo.origin}/x/one401?t=${Date.now()}`);
    await page.waitFor('main[data-state="done"]');
    const tabId = await driver.tabIdOf(page);
    await page.waitFor('[data-cause]');
    await until(
      () => tabEntry(driver, tabId),
      (e) => e.count === 1,
      { what: 'one record' },
    );

    await driver.stopBackground();
    expect(await driver.backgroundRunning()).toBe(false);

    const popup = await driver.openPopup(tabId);
    await expect.poll(() => popup.count('[data-testid="record"]')).toBe(1);
    expect(await page.count('[data-cause]')).toBeGreaterThan(0);

    // The panel follows the next 401 after the restart, without a duplicate.
    await page.evaluate(async () => {
      await fetch('/x/api/storm?after=restart', { cache: 'no-store' });
    });
    const entry = await until(
      () => tabEntry(driver, tabId),
      (e) => e.count === 2,
      { what: 'two records' },
    );
    expect(new Set(entry.records.map((r) => r.id)).size).toBe(2);
    await expect.poll(() => driver.badgeText(tabId)).toBe('2');
    await expect
      .poll(() =>
        page.evaluate(() => document.querySelector('why401-panel')?.shadowRoot?.textContent ?? ''),
      )
      .toMatch(/after=restart/);
  });
});
