// Popup first render with 500 records. The cap is 50 records per tab, so the
// extension itself records 50 real 401s (varied challenges) for one tab; the
// worker's stored key for that tab is then widened to 500 records (copies
// with fresh ids and times) and written back directly. The popup opens in a
// tab of its own on ?tabId=N; an init script notes when the first
// [data-testid=record] is in the DOM and the next animation frame runs.
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROME_EXTENSION_ID, POPUP_PATH } from '../lib/config.mjs';
import { sleep, within } from '../lib/timeout.mjs';

/**
 * The floor: what any extension page costs before its own work. A copy of the
 * built extension (same key, same id) gets one more page, a module script that
 * marks, shows one line, and notes the next frame — the same end point as the
 * popup's first record. Measured in the same launch as the popup.
 * @param {string} dist @param {string} root  a temp folder
 * @returns {string} the copy
 */
export function withFloorPage(dist, root) {
  const dir = join(root, 'chromium-why401-floor');
  cpSync(dist, dir, { recursive: true });
  writeFileSync(
    join(dir, 'bench-floor.html'),
    '<!doctype html><html><head><meta charset="utf-8"><title>floor</title>' +
      '<script type="module" src="/bench-floor.js"></script></head><body></body></html>',
  );
  writeFileSync(
    join(dir, 'bench-floor.js'),
    `performance.mark('why401:script');
const p = document.createElement('p');
p.textContent = 'floor';
document.body.append(p);
const dom = performance.now();
requestAnimationFrame(() => { window.__floor = { dom, frame: performance.now(), script: performance.getEntriesByName('why401:script')[0].startTime }; });
`,
  );
  return dir;
}

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
      const v = (await chrome.storage.session.get(`tab:${tab.id}`))[`tab:${tab.id}`];
      // A tab is stored as one JSON string (src/background/tab-codec.ts).
      const t = typeof v === 'string' ? JSON.parse(v) : v;
      return (t?.records?.length ?? 0) >= 50 ? tab.id : null;
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
      const v = (await chrome.storage.session.get(key))[key];
      const t = typeof v === 'string' ? JSON.parse(v) : v;
      const now = Date.now();
      const out = [];
      for (let i = 0; i < records; i++) {
        const r = t.records[i % t.records.length];
        out.push({ ...r, id: `${r.id}-bench${i}`, time: now - (records - i) * 10 });
      }
      const next = { ...t, pageStart: now - records * 10 - 1000, count: records, records: out };
      // Stored as the background stores it: one JSON string, the stamp first.
      const stored = JSON.stringify(next);
      await chrome.storage.session.set({ [key]: stored });
      return { bytes: stored.length, records: out.length };
    },
    { tabId, records },
  );
  const at500 = await openPopup(s, url, opens);
  // The worker mirrors tabs in memory; this write came from outside it, so the
  // popup must show the widened tab, not the mirror's 50 records.
  if (!at500.countText.includes(String(records))) {
    throw new Error(`the popup did not show the ${records} records: "${at500.countText}"`);
  }
  const floor = await openFloor(s, opens);
  return {
    floorSamples: floor,
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
  let countText = '';
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
      countText = (await p.locator('p.count').textContent()) ?? '';
    } finally {
      await p.close();
    }
  }
  return { samples, rendered, phases, countText };
}

/**
 * Opens the floor page `opens` times; ms from navigation start to the frame after its line.
 * @param {import('../lib/chromium.mjs').ChromiumSession} s @param {number} opens
 */
async function openFloor(s, opens) {
  const samples = [];
  for (let i = 0; i < opens; i++) {
    const p = await s.context.newPage();
    try {
      await within(
        p.goto(`chrome-extension://${CHROME_EXTENSION_ID}/bench-floor.html`),
        20_000,
        'opening the floor page',
      );
      const t = await within(
        p.waitForFunction(() => /** @type {any} */ (window).__floor).then((h) => h.jsonValue()),
        20_000,
        'the floor page to draw',
      );
      samples.push(t.frame);
    } finally {
      await p.close();
    }
  }
  return samples;
}
