// Popup first render with 500 records, timed in the toolbar popup itself:
// the worker calls `action.openPopup()` on the active tab, as a click on the
// toolbar button would. The cap is 50 records per tab, so the extension
// records 50 real 401s (varied challenges) for one tab; the worker's stored
// key for that tab is then widened to 500 records (copies with fresh ids and
// times) and written back directly. The same popup page opened in a tab of
// its own on ?tabId=N (how "Open actions" shows it) is timed too.
//
// The timing comes from a probe in a copy of the built extension (same key,
// same id): one classic script first in the popup's <head> notes when the
// first [data-testid=record] has a box and the next animation frame runs, in
// ms from navigation start. A toolbar popup is not a page Playwright sees, so
// there the probe leaves its result in storage.local and closes the popup.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROME_EXTENSION_ID, POPUP_PATH } from '../lib/config.mjs';
import { sleep, within } from '../lib/timeout.mjs';

/** The toolbar popup is opened on this query so the probe knows to report and close. */
const TOOLBAR = 'benchToolbar=1';
const FLOOR_PATH = 'bench-floor.html';
/** Opens with the worker stopped first: each restarts it, which is slow. */
const COLD_OPENS = 8;

/**
 * Runs first in the popup's <head> and in the floor page's (bench-probe.js),
 * written out with TOOLBAR as its argument.
 * @param {string} toolbar
 */
const probe = (toolbar) => {
  const w = /** @type {any} */ (window);
  w.__firstRecord = new Promise((resolve) => {
    const seen = () => {
      const el = document.querySelector('[data-testid=record], [data-bench=floor]');
      if (!el || el.getBoundingClientRect().height === 0) return false;
      const dom = performance.now();
      const count = document.querySelector('p.count')?.textContent ?? '';
      requestAnimationFrame(() => {
        // Where the time went: the popup's own marks (src/popup).
        const mark = (n) => performance.getEntriesByName(n)[0]?.startTime ?? null;
        resolve({
          dom,
          frame: performance.now(),
          script: mark('why401:script'),
          view: mark('why401:view'),
          ui: mark('why401:ui'),
          count,
          search: location.search,
          records: document.querySelectorAll('[data-testid=record]').length,
        });
      });
      return true;
    };
    const obs = new MutationObserver(() => {
      if (seen()) obs.disconnect();
    });
    obs.observe(document, { childList: true, subtree: true });
  });
  if (location.search.includes(toolbar)) {
    w.__firstRecord.then((r) => chrome.storage.local.set({ benchPopup: r }).then(() => close()));
  }
};

/**
 * A copy of the built extension with the probe, and the floor: what any
 * extension page costs before its own work, a page whose module script shows
 * one line. Both are timed in the same launch as the popup, the same ways.
 * @param {string} dist @param {string} root  a temp folder
 * @returns {string} the copy
 */
export function withProbe(dist, root) {
  const dir = join(root, 'chromium-why401-probe');
  cpSync(dist, dir, { recursive: true });
  writeFileSync(join(dir, 'bench-probe.js'), `(${probe})(${JSON.stringify(TOOLBAR)});\n`);
  const tag = '<script src="/bench-probe.js"></script>';
  const html = join(dir, POPUP_PATH);
  const page = readFileSync(html, 'utf8');
  if (!page.includes('<head>')) throw new Error(`${POPUP_PATH} has no <head> for the probe`);
  writeFileSync(html, page.replace('<head>', `<head>${tag}`));
  writeFileSync(
    join(dir, FLOOR_PATH),
    `<!doctype html><html><head><meta charset="utf-8"><title>floor</title>${tag}` +
      '<script type="module" src="/bench-floor.js"></script></head><body></body></html>',
  );
  writeFileSync(
    join(dir, 'bench-floor.js'),
    `const p = document.createElement('p');
p.dataset.bench = 'floor';
p.textContent = 'floor';
document.body.append(p);
`,
  );
  return dir;
}

/**
 * Loads the seed page, which makes 50 401s (the per-tab cap), and waits until
 * the worker has stored them. Returns the seeded tab's id.
 * @param {import('../lib/chromium.mjs').ChromiumSession} s
 * @param {string} origin
 * @returns {Promise<number>}
 */
export async function seedTab(s, origin) {
  const worker = s.worker;
  if (!worker) throw new Error('Why 401 worker not found');
  await within(s.page.goto(`${origin}/seed?n=50`), 20_000, 'loading the seed page');
  await within(
    s.page.evaluate(() => /** @type {any} */ (window).__seeded),
    30_000,
    'seeding 401s',
  );
  const seedUrl = `${origin}/seed`;
  // Up to 30 s: on a busy machine 50 sequential 401s take a while to be stored.
  for (let i = 0; i < 150; i++) {
    const tabId = await worker.evaluate(async (u) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url?.startsWith(u));
      if (!tab) return null;
      const v = (await chrome.storage.session.get(`tab:${tab.id}`))[`tab:${tab.id}`];
      // A tab is stored as one JSON string (src/background/tab-codec.ts).
      const t = typeof v === 'string' ? JSON.parse(v) : v;
      return (t?.records?.length ?? 0) >= 50 ? tab.id : null;
    }, seedUrl);
    if (tabId !== null) return tabId;
    await sleep(200);
  }
  throw new Error('the extension did not record the seeded 401s');
}

/**
 * @param {import('../lib/chromium.mjs').ChromiumSession} s
 * @param {string} origin
 * @param {{records:number, opens:number}} o
 */
export async function popupFirstRender(s, origin, { records, opens }) {
  const tabId = await seedTab(s, origin);
  const inTab = `chrome-extension://${CHROME_EXTENSION_ID}/${POPUP_PATH}?tabId=${tabId}`;
  // The real 50 records first: how first render scales with the record count.
  const at50 = await openToolbarPopup(s, tabId, null, opens);
  expectCount(at50, 50);
  // The background stopped first, on the real 50 records (the widened 500
  // would mostly time the restarted worker parsing a 1 MB key no tab holds).
  const cold50 = await openColdPopup(s, tabId, Math.min(opens, COLD_OPENS));
  expectCount(cold50, 50);
  s.worker = await workerAgain(s);
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
  // The worker mirrors tabs in memory; this write came from outside it, so the
  // popup must show the widened tab, not the mirror's 50 records.
  // The popup and the floor alternate, so a slower or faster spell of the
  // machine falls on both alike.
  const at500 = [];
  const floor = [];
  for (let i = 0; i < opens; i++) {
    at500.push(...(await openToolbarPopup(s, tabId, null, 1)));
    floor.push(...(await openToolbarPopup(s, tabId, FLOOR_PATH, 1)));
  }
  expectCount(at500, records);
  const inTab500 = await openInTab(s, inTab, opens);
  expectCount(inTab500, records);
  const floorInTab = await openInTab(
    s,
    `chrome-extension://${CHROME_EXTENSION_ID}/${FLOOR_PATH}`,
    opens,
  );
  return { at50, at500, floor, inTab500, floorInTab, cold50, seeded: stored, tabId };
}

/** @typedef {{dom:number, frame:number, script:number|null, view:number|null, ui:number|null, count:string, search:string, records:number}} Probe */

/** @param {Probe[]} list @param {number} n */
function expectCount(list, n) {
  for (const p of list) {
    if (!p.count.includes(String(n))) {
      throw new Error(`the popup did not show the ${n} records: "${p.count}"`);
    }
  }
}

/**
 * Runs in an extension context (the worker, or an extension page): opens the
 * toolbar popup and returns what its probe wrote, once it closed. With
 * `tabId`, that tab is made active first, as a click on the button of its
 * window would find it, and its button opens `popup` — or, when `popup` is
 * null, the popup Why 401 gave that tab (src/background/toolbar.ts), the
 * `toolbar` query added so the probe reports. Without, the button's default
 * is set to `popup`.
 * @param {{ tabId: number | null, popup: string | null, toolbar: string, workerStopped?: boolean }} o
 */
const openPopupAndWait = async ({ tabId, popup, toolbar, workerStopped = false }) => {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  // With the worker stopped, the caller removed the key before stopping it:
  // a storage change here would wake the worker (store.ts listens to them).
  if (!workerStopped) await chrome.storage.local.remove('benchPopup');
  if (tabId !== null) await chrome.tabs.update(tabId, { active: true });
  // The tab's own popup, as a full URL: set back as its path and query.
  const own = tabId === null ? null : await chrome.action.getPopup({ tabId });
  const ownPath = own && own.slice(new URL(chrome.runtime.getURL('')).href.length);
  const shown = popup ?? `${ownPath}${ownPath?.includes('?') ? '&' : '?'}${toolbar}`;
  await chrome.action.setPopup(tabId === null ? { popup: shown } : { tabId, popup: shown });
  try {
    // Waits on the probe's write rather than polling, which would
    // keep the worker busy while the popup asks it for the records.
    const reported = new Promise((resolve) => {
      const heard = (changes, area) => {
        if (area !== 'local' || !changes.benchPopup?.newValue) return;
        chrome.storage.onChanged.removeListener(heard);
        resolve(changes.benchPopup.newValue);
      };
      chrome.storage.onChanged.addListener(heard);
      setTimeout(() => {
        chrome.storage.onChanged.removeListener(heard);
        resolve(null);
      }, 10_000);
    });
    if (workerStopped) {
      const background = await chrome.runtime.getContexts({ contextTypes: ['BACKGROUND'] });
      if (background.length > 0) throw new Error('the worker was running before the popup opened');
    }
    await chrome.action.openPopup();
    const got = await reported;
    // openPopup refuses while a popup is still open.
    for (let j = 0; got && j < 100; j++) {
      if ((await chrome.runtime.getContexts({ contextTypes: ['POPUP'] })).length === 0) break;
      await sleep(20);
    }
    return got;
  } finally {
    // Back to the tab's own popup, or the manifest's.
    await chrome.action.setPopup(
      tabId === null
        ? { popup: chrome.runtime.getManifest().action.default_popup }
        : { tabId, popup: /** @type {string} */ (ownPath) },
    );
  }
};

/**
 * Opens the toolbar popup `opens` times on the tab, as its button would, and
 * reads what the probe left in storage.local once the popup has closed.
 * @param {import('../lib/chromium.mjs').ChromiumSession} s @param {number} tabId
 * @param {string | null} path  the page, relative to the extension's root; null: the
 *   popup Why 401 gave the tab, which must name it (?tabId=N)
 * @param {number} opens
 * @returns {Promise<Probe[]>}
 */
export async function openToolbarPopup(s, tabId, path, opens) {
  const out = [];
  const what = path ?? "the tab's own popup";
  for (let i = 0; i < opens; i++) {
    const r = await within(
      /** @type {import('playwright-core').Worker} */ (s.worker).evaluate(openPopupAndWait, {
        tabId,
        popup: path && `${path}?${TOOLBAR}`,
        toolbar: TOOLBAR,
      }),
      30_000,
      `opening ${what} as the toolbar popup`,
    );
    if (!r) throw new Error(`${what} as the toolbar popup never drew its first line`);
    if (path === null && new URLSearchParams(r.search).get('tabId') !== String(tabId)) {
      throw new Error(`the tab's popup does not name it (?tabId=${tabId}): "${r.search}"`);
    }
    out.push(r);
  }
  return out;
}

/**
 * The toolbar popup while the background is stopped, as after 30 s idle: the
 * worker is stopped by CDP, the popup is opened from an extension page in a
 * tab (which does not wake it), and the popup's own request wakes it. On
 * ?tabId=N, since the opener's tab is the active one. Playwright attaches to
 * the restarted worker before it runs, so this is an upper bound. `s.worker`
 * may be stale afterwards: see workerAgain.
 * @param {import('../lib/chromium.mjs').ChromiumSession} s @param {number} tabId @param {number} opens
 * @returns {Promise<Probe[]>}
 */
async function openColdPopup(s, tabId, opens) {
  const opener = await s.context.newPage();
  const cdp = await s.context.newCDPSession(opener);
  const out = [];
  try {
    await opener.goto(`chrome-extension://${CHROME_EXTENSION_ID}/manifest.json`);
    await cdp.send('ServiceWorker.enable');
    const running = () =>
      opener.evaluate(
        async () => (await chrome.runtime.getContexts({ contextTypes: ['BACKGROUND'] })).length > 0,
      );
    for (let i = 0; i < opens; i++) {
      // Before the stop: this change reaches the worker's storage listener.
      await opener.evaluate(() => chrome.storage.local.remove('benchPopup'));
      await cdp.send('ServiceWorker.stopAllWorkers');
      for (let j = 0; j < 200 && (await running()); j++) await sleep(50);
      if (await running()) throw new Error('the service worker did not stop');
      const r = await within(
        opener.evaluate(openPopupAndWait, {
          tabId: null,
          popup: `${POPUP_PATH}?${TOOLBAR}&tabId=${tabId}`,
          toolbar: TOOLBAR,
          workerStopped: true,
        }),
        30_000,
        'opening the toolbar popup with the worker stopped',
      );
      if (!r) throw new Error('the toolbar popup never drew its first record (worker stopped)');
      out.push(r);
    }
  } finally {
    await cdp.detach().catch(() => undefined);
    await opener.close();
  }
  return out;
}

/**
 * The service worker the cold popup started, once it answers. Playwright may
 * keep the stopped worker's object for the restarted one (same target) or
 * report a new one: whichever of ours answers.
 * @param {import('../lib/chromium.mjs').ChromiumSession} s
 */
async function workerAgain(s) {
  const ours = (w) => w.url().startsWith(`chrome-extension://${CHROME_EXTENSION_ID}/`);
  for (let i = 0; i < 100; i++) {
    for (const w of s.context.serviceWorkers().filter(ours).reverse()) {
      const alive = await within(
        w.evaluate(() => true),
        2_000,
        'the restarted worker',
      ).catch(() => false);
      if (alive) return w;
    }
    await sleep(50);
  }
  throw new Error('the restarted service worker does not answer');
}

/**
 * Opens a page `opens` times in a tab of its own (how "Open actions" shows the popup).
 * @param {import('../lib/chromium.mjs').ChromiumSession} s @param {string} url @param {number} opens
 * @returns {Promise<Probe[]>}
 */
async function openInTab(s, url, opens) {
  const out = [];
  for (let i = 0; i < opens; i++) {
    const p = await s.context.newPage();
    try {
      await within(p.goto(url), 20_000, `opening ${url}`);
      out.push(
        await within(
          p.evaluate(() => /** @type {any} */ (window).__firstRecord),
          30_000,
          `${url} to draw its first line`,
        ),
      );
    } finally {
      await p.close();
    }
  }
  return out;
}
