// Popup first render with 500 records. The cap is 50 records per tab, so the
// extension itself records 50 real 401s (varied challenges) for one tab; the
// worker's stored key for that tab is then widened to 500 records (copies
// with fresh ids and times) and written back directly. The popup opens in a
// tab of its own on ?tabId=N; an init script notes when the first
// [data-testid=record] is in the DOM and the next animation frame runs.
import { CHROME_EXTENSION_ID, POPUP_PATH } from '../lib/config.mjs';
import { sleep, within } from '../lib/timeout.mjs';

/** Runs in the popup before its own scripts. */
const firstRecordProbe = () => {
  if (location.protocol !== 'chrome-extension:') return;
  /** @type {any} */ (window).__firstRecord = new Promise((resolve) => {
    const seen = () => {
      const el = document.querySelector('[data-testid=record]');
      if (!el || el.getBoundingClientRect().height === 0) return false;
      const dom = performance.now();
      requestAnimationFrame(() => {
        // Where the time went: the popup's own marks (src/popup) and navigation timing.
        const mark = (n) => performance.getEntriesByName(n)[0]?.startTime ?? null;
        const nav = /** @type {PerformanceNavigationTiming | undefined} */ (
          performance.getEntriesByType('navigation')[0]
        );
        resolve({
          dom,
          frame: performance.now(),
          responseEnd: nav?.responseEnd ?? null,
          script: mark('why401:script'),
          view: mark('why401:view'),
        });
      });
      return true;
    };
    const obs = new MutationObserver(() => {
      if (seen()) obs.disconnect();
    });
    obs.observe(document, { childList: true, subtree: true });
  });
};

/**
 * @param {import('../lib/chromium.mjs').ChromiumSession} s
 * @param {string} origin
 * @param {{records:number, opens:number}} o
 */
export async function popupFirstRender(s, origin, { records, opens }) {
  if (!s.worker) throw new Error('Why 401 worker not found');
  await within(s.page.goto(`${origin}/seed?n=50`), 20_000, 'loading the seed page');
  await within(
    s.page.evaluate(() => /** @type {any} */ (window).__seeded),
    30_000,
    'seeding 401s',
  );
  const seedUrl = `${origin}/seed`;
  // Wait until the worker has stored the 50 records.
  let tabId = null;
  // Up to 30 s: on a busy machine 50 sequential 401s take a while to be stored.
  for (let i = 0; i < 150 && tabId === null; i++) {
    tabId = await s.worker.evaluate(async (u) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url?.startsWith(u));
      if (!tab) return null;
      const got = await chrome.storage.session.get(`tab:${tab.id}`);
      return (got[`tab:${tab.id}`]?.records?.length ?? 0) >= 50 ? tab.id : null;
    }, seedUrl);
    if (tabId === null) await sleep(200);
  }
  if (tabId === null) throw new Error('the extension did not record the seeded 401s');
  await s.context.addInitScript(firstRecordProbe);
  const url = `chrome-extension://${CHROME_EXTENSION_ID}/${POPUP_PATH}?tabId=${tabId}`;
  // The real 50 records first: how first render scales with the record count.
  const at50 = await openPopup(s, url, opens);
  const stored = await s.worker.evaluate(
    async ({ tabId, records }) => {
      const key = `tab:${tabId}`;
      const t = (await chrome.storage.session.get(key))[key];
      const now = Date.now();
      const out = [];
      for (let i = 0; i < records; i++) {
        const r = t.records[i % t.records.length];
        out.push({ ...r, id: `${r.id}-bench${i}`, time: now - (records - i) * 10 });
      }
      const next = { ...t, pageStart: now - records * 10 - 1000, count: records, records: out };
      await chrome.storage.session.set({ [key]: next });
      return { bytes: JSON.stringify(next).length, records: out.length };
    },
    { tabId, records },
  );
  const at500 = await openPopup(s, url, opens);
  return {
    samples: at500.samples,
    renderedRecords: at500.rendered,
    samples50: at50.samples,
    phases: at500.phases,
    phases50: at50.phases,
    rendered50: at50.rendered,
    seeded: stored,
    tabId,
  };
}

/**
 * Opens the popup `opens` times in a tab of its own; first-record times in ms from navigation start.
 * @param {import('../lib/chromium.mjs').ChromiumSession} s @param {string} url @param {number} opens
 */
async function openPopup(s, url, opens) {
  const samples = [];
  /** @type {{script:number|null, view:number|null, dom:number}[]} */
  const phases = [];
  let rendered = 0;
  for (let i = 0; i < opens; i++) {
    const p = await s.context.newPage();
    try {
      await within(p.goto(url), 20_000, 'opening the popup');
      const t = await within(
        p.evaluate(() => /** @type {any} */ (window).__firstRecord),
        30_000,
        'the first record to render',
      );
      samples.push(t.frame);
      phases.push({ responseEnd: t.responseEnd, script: t.script, view: t.view, dom: t.dom });
      rendered = await p.locator('[data-testid=record]').count();
    } finally {
      await p.close();
    }
  }
  return { samples, rendered, phases };
}
