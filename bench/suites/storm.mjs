// A 401 storm in Chromium: one page fires N 401s over M ms (bounded rate and
// concurrency) while timing a fixed piece of work every 100 ms. With Why 401
// the worker's storage, badge and CPU are sampled; without it, the same page
// gives the baseline for the page's own responsiveness and browser CPU, and
// with a comparison extension (no listener) what holding webRequest costs.
import { CHROME_EXTENSION_ID } from '../lib/config.mjs';
import { cpuByKind, cpuDelta } from '../lib/proc-cpu.mjs';
import { sleep, within } from '../lib/timeout.mjs';

/** Runs in the service worker: how much storage.session holds. */
const storageProbe = async () => {
  const all = await chrome.storage.session.get(null);
  const bytesInUse = chrome.storage.session.getBytesInUse
    ? await chrome.storage.session.getBytesInUse(null)
    : null;
  const tabs = Object.keys(all).filter((k) => k.startsWith('tab:'));
  // A tab is stored as one JSON string (src/background/tab-codec.ts).
  const json = (v) => (typeof v === 'string' ? v : JSON.stringify(v));
  const tab = (k) => (typeof all[k] === 'string' ? JSON.parse(all[k]) : all[k]);
  const perTab = tabs.map((k) => json(all[k]).length);
  return {
    jsonBytes: JSON.stringify(all).length,
    bytesInUse,
    maxTabBytes: Math.max(0, ...perTab),
    records: tabs.map((k) => tab(k)?.records?.length ?? 0),
    counts: tabs.map((k) => tab(k)?.count ?? 0),
  };
};

/**
 * @param {import('../lib/chromium.mjs').ChromiumSession} s
 * @param {string} origin
 * @param {{n:number, ms:number, concurrency:number}} o
 * @param {boolean} [probe] read Why 401's storage and badge (a comparison extension has neither)
 */
export async function runStorm(s, origin, { n, ms, concurrency }, probe = true) {
  const worker = probe ? s.worker : undefined;
  const url = `${origin}/storm?n=${n}&ms=${ms}&c=${concurrency}`;
  const cpu0 = cpuByKind(s.profile);
  await within(s.page.goto(url), 30_000, 'loading the storm page');
  const storage = [];
  let finished = false;
  const result = within(
    s.page.evaluate(() => /** @type {any} */ (window).__storm),
    ms + 120_000,
    'the storm to end',
  ).finally(() => {
    finished = true;
  });
  // Sample storage every 2 s from the worker (cheap next to 80 events a second).
  while (worker && !finished) {
    await sleep(2000);
    try {
      storage.push(await within(worker.evaluate(storageProbe), 10_000, 'reading storage.session'));
    } catch {
      // The worker may be busy or restarting: a missed sample is not a failure.
    }
  }
  const page = await result;
  const cpu1 = cpuByKind(s.profile);
  let badge = null;
  let final = null;
  if (worker) {
    // Let queued writes land, then read the end state.
    await sleep(1500);
    final = await worker.evaluate(storageProbe);
    storage.push(final);
    badge = await worker.evaluate(async (u) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url?.startsWith(u.split('?')[0]));
      return tab ? await chrome.action.getBadgeText({ tabId: tab.id }) : null;
    }, url);
  }
  return {
    page,
    storage,
    final,
    badge,
    cpuS: cpuDelta(cpu0, cpu1),
    extensionId: CHROME_EXTENSION_ID,
  };
}
