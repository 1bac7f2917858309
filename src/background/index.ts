// Background entry: registers every listener synchronously at the top level
// (the service worker / event page can be stopped at any moment and is woken
// by the next event, which must find its listener already there) and nothing
// else. Work waits on one ready promise: the settings.
import browser, { isFirefox } from '../shared/browser.ts';
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings.ts';
import { forgetTab, showCount } from './toolbar.ts';
import { startCapture, type Capture, type Captured } from './capture.ts';
import { scopeOf } from './close-watch.ts';
import { createCloseWatcher } from './close-watcher.ts';
import { clearSite, planClear } from './clear-site.ts';
import { viewOf } from './diagnosis.ts';
import { forgetPanel, refreshPanel } from './panel.ts';
import { record } from './recorder.ts';
import { createRouter, type Handlers } from './router.ts';
import { challengedHttpAuth, signInTarget } from './sign-in-target.ts';
import {
  commitTab,
  navigationFailed,
  navigationStarted,
  onSettingsChanged,
  readSettings,
  readCloseWatch,
  readTab,
  readTabSettled,
  removeTab,
  touchCloseWatch,
  writeSettings,
} from './store.ts';

let settings: Settings = DEFAULT_SETTINGS;
// Capture reads this set on every response; it is filled from the settings.
const statuses = new Set<number>(DEFAULT_SETTINGS.statuses);
const firefox = isFirefox();

/**
 * When a tab's storm repeats last kept their endpoint watched closely (its
 * window would otherwise end five minutes after its last recorded 401, in a
 * storm that goes on). scopeOf parses the URL: at most every 10 s per tab.
 */
const repeatWatchedAt = new Map<number, number>();
const REPEAT_WATCH_MS = 10_000;

function onCapture(c: Captured): void {
  const watch = () => closeWatch.watch(scopeOf(c.url));
  void record(c, ready)
    .then((done) => {
      // A storm's new endpoint, watched closely once the storm is over.
      if (!firefox && c.inStorm && done === 'recorded') watch();
      if (!firefox && done === 'counted') {
        const now = performance.now();
        if (now - (repeatWatchedAt.get(c.tabId) ?? -Infinity) >= REPEAT_WATCH_MS) {
          repeatWatchedAt.set(c.tabId, now);
          watch();
        }
      }
      // A top-level 401's document is not there yet: the commit injects the panel.
      if (c.type !== 'main_frame') return refreshPanel(c.tabId, settings);
    })
    // A write that failed (storage full, the tab gone) loses this one record;
    // capture goes on. Nothing of the request is logged.
    .catch(() => undefined);
  // At once, so the endpoint's next request is seen in full (a storm's
  // repeats are watched already: their endpoint has a record).
  if (!firefox && !c.inStorm) watch();
}

function startWith(allTypes: boolean): Capture {
  return startCapture(browser.webRequest, {
    statuses,
    firefox,
    allTypes,
    onCapture,
    onCrossOriginFailure: (scope) => closeWatch.watch(scope),
  });
}

// Registered now, synchronously, with the default types; the settings may widen them.
let capture = startWith(DEFAULT_SETTINGS.watchAllTypes);
let captureAllTypes = DEFAULT_SETTINGS.watchAllTypes;

// `closeWatch` is made below `ready` (it waits on it); the callbacks here that
// use it run only once this module has run.
function apply(s: Settings) {
  settings = s;
  statuses.clear();
  for (const n of s.statuses) statuses.add(n);
  if (s.watchAllTypes !== captureAllTypes) {
    capture.stop();
    capture = startWith(s.watchAllTypes);
    captureAllTypes = s.watchAllTypes;
    capture.watchClosely(closeWatch.scopes());
  }
}
const ready: Promise<unknown> = Promise.all([
  readSettings().then(apply, () => apply(DEFAULT_SETTINGS)),
  firefox
    ? undefined
    : readCloseWatch().then(
        (w) => closeWatch.load(w),
        () => undefined,
      ),
]);
onSettingsChanged(apply);

// Endpoints Chrome watches closely (Cookie headers, preflights), for a few
// minutes after their 401 (close-watcher.ts).
const closeWatch = createCloseWatcher(
  {
    touch: touchCloseWatch,
    listen: (scopes) => capture.watchClosely(scopes),
    now: Date.now,
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
  },
  ready,
);

// When each tab's current top-level navigation started: the line between the
// old page's 401s and the new document's (records.ts commitRecords). Memory is
// enough: after a restart the commit time less a grace period stands in.
const navStarts = new Map<number, number>();
const COMMIT_GRACE_MS = 1000;
browser.webNavigation.onBeforeNavigate.addListener((d) => {
  if (d.frameId !== 0) return;
  navStarts.set(d.tabId, d.timeStamp);
  navigationStarted(d.tabId, d.timeStamp);
});

browser.webNavigation.onCommitted.addListener((d) => {
  if (d.frameId !== 0) return;
  forgetPanel(d.tabId);
  const started = navStarts.get(d.tabId);
  navStarts.delete(d.tabId);
  const navStart =
    started !== undefined && started <= d.timeStamp ? started : d.timeStamp - COMMIT_GRACE_MS;
  void (async () => {
    await ready;
    const t = await commitTab(d.tabId, navStart);
    await showCount(d.tabId, t.count, true);
    if (t.count > 0) await refreshPanel(d.tabId, settings);
  })();
});

// Chromium shows an error page for a top-level navigation that failed (a Basic
// challenge it cannot answer: ERR_INVALID_AUTH_CREDENTIALS) without
// onCommitted, and wipes the tab's badge: set it again, keeping the records.
browser.webNavigation.onErrorOccurred.addListener((d) => {
  if (d.frameId !== 0) return;
  navigationFailed(d.tabId);
  void (async () => {
    await ready;
    await showCount(d.tabId, (await readTab(d.tabId)).count, true);
  })();
});

browser.tabs.onRemoved.addListener((tabId) => {
  forgetTab(tabId);
  repeatWatchedAt.delete(tabId);
  forgetPanel(tabId);
  navStarts.delete(tabId);
  void removeTab(tabId);
});

async function view(tabId: number, perOrigin?: number, newest?: number, settled = false) {
  // The panel's view is asked for after each batch is written; the popup's
  // may come while a storm's counts wait (store.ts COUNT_GAP_MS).
  let t = await (settled ? readTabSettled(tabId) : readTab(tabId));
  if (settings.retentionMinutes > 0) {
    const oldest = Date.now() - settings.retentionMinutes * 60_000;
    t = { ...t, records: t.records.filter((r) => r.time >= oldest) };
  }
  return viewOf(tabId, t, perOrigin, newest);
}

/** The tab a toolbar popup describes: its window was focused when its button was clicked. */
async function activeTabId(): Promise<number> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (tab?.id === undefined) throw new Error('No active tab');
  return tab.id;
}

async function reload(tabId: number) {
  try {
    await browser.tabs.reload(tabId);
  } catch {
    // The tab is gone: nothing to reload.
  }
}

const handlers: Handlers = {
  'tab/view': async ({ tabId, perOrigin }) => {
    const id = tabId === 'active' ? await activeTabId() : tabId;
    if (!Number.isInteger(id)) throw new Error('tab/view needs a tab id or "active"');
    return view(
      id,
      typeof perOrigin === 'number' && Number.isInteger(perOrigin) ? perOrigin : undefined,
      undefined,
      true,
    );
  },
  'panel/view': async ({ all }, from) => {
    if (from.kind !== 'content') throw new Error('panel/view is for the page panel');
    const v = await view(from.tabId, undefined, all === true ? undefined : 1);
    return { ...v, collapsed: settings.collapsedSites.includes(from.origin) };
  },
  'panel/collapse': async ({ collapsed }, from) => {
    if (from.kind !== 'content') throw new Error('panel/collapse is for the page panel');
    const others = settings.collapsedSites.filter((o) => o !== from.origin);
    await writeSettings({ collapsedSites: collapsed ? [...others, from.origin] : others });
    return null;
  },
  'panel/mute': async (_p, from) => {
    if (from.kind !== 'content') throw new Error('panel/mute is for the page panel');
    if (!settings.mutedSites.includes(from.origin)) {
      await writeSettings({ mutedSites: [...settings.mutedSites, from.origin] });
    }
    return null;
  },
  'panel/open-actions': async (_p, from) => {
    if (from.kind !== 'content') throw new Error('panel/open-actions is for the page panel');
    // The fixes are confirmed in the extension's own window, which no page can script.
    const url = browser.runtime.getURL(
      `src/popup/index.html?tabId=${from.tabId}&origin=${encodeURIComponent(from.origin)}`,
    );
    await browser.windows.create({ url, type: 'popup', width: 460, height: 640 });
    return null;
  },
  'settings/get': async () => settings,
  'settings/set': async ({ patch }) => {
    apply(await writeSettings(patch));
    return settings;
  },
  'site/plan': ({ origin }) => planClear(new URL(origin).origin),
  'site/clear': async ({ tabId, origin, globalCache }) => {
    const result = await clearSite(new URL(origin).origin, { globalCache });
    await reload(tabId);
    return result;
  },
  'site/sign-in': async ({ tabId, origin }) => {
    const o = new URL(origin).origin;
    const evidence = (await readTab(tabId)).records
      .filter((r) => r.evidence.origin === o)
      .map((r) => r.evidence)
      .reverse();
    const clear = await clearSite(o);
    const target = signInTarget(o, evidence);
    await browser.tabs.update(tabId, { url: target.url });
    return { clear, ...target, httpAuthCached: challengedHttpAuth(evidence) };
  },
};

browser.runtime.onMessage.addListener(
  createRouter(
    handlers,
    { extensionId: browser.runtime.id, baseUrl: browser.runtime.getURL('') },
    ready,
  ),
);
