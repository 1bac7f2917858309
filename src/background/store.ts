// The one module that touches browser storage. Records live in
// `storage.session` (the worker or event page can be stopped at any moment;
// memory is not a store), one key per tab, written through one queue so
// concurrent events never interleave a read-modify-write.
import browser from '../shared/browser.ts';
import { validateSettings, type Settings } from '../shared/settings.ts';
import { createTabCache } from './tab-cache.ts';
import { decodeTab, encodeTab } from './tab-codec.ts';
import { emptyCloseWatch, isCloseWatch, touchScope, type CloseWatch } from './close-watch.ts';
import {
  boundWaiting,
  commitRecords,
  DEFAULT_CAP,
  emptyRecords,
  endpointOf,
  isRepeat,
  mergeRecords,
  type Observation,
  type TabRecords,
  type Waiting,
} from './records.ts';

let chain: Promise<unknown> = Promise.resolve();
/** Every write goes through here, one after another. */
function enqueue<T>(job: () => Promise<T>): Promise<T> {
  const p = chain.then(job, job);
  chain = p.catch(() => undefined);
  return p;
}

const TAB_PREFIX = 'tab:';
const keyOf = (tabId: number) => `${TAB_PREFIX}${tabId}`;

// The few tabs in use, mirrored in memory (tab-cache.ts): the store is still
// read after every start, and whenever anyone but this instance wrote a tab.
const cache = createTabCache(crypto.randomUUID());
// Bumped by every change of any tab key: a read that raced a change must not
// put what it read (by then stale) into the mirror.
let tabChanges = 0;
browser.storage.onChanged.addListener((changed, area) => {
  if (area !== 'session') return;
  for (const key of Object.keys(changed)) {
    if (!key.startsWith(TAB_PREFIX)) continue;
    cache.changed(Number(key.slice(TAB_PREFIX.length)), changed[key]?.newValue);
    tabChanges++;
  }
});

/** A tab's records. The result may be the shared mirror: treat it as read-only. */
export async function readTab(tabId: number): Promise<TabRecords> {
  const hit = cache.get(tabId);
  if (hit) return hit;
  const before = tabChanges;
  const key = keyOf(tabId);
  const got = await browser.storage.session.get(key);
  const t = decodeTab(got[key]);
  if (!t) return emptyRecords();
  return tabChanges === before ? cache.mirror(tabId, t) : t;
}

/**
 * A tab's records with whatever of it waits for the next batch written
 * first: the popup's view must not show a storm's count from 4 s ago
 * (COUNT_GAP_MS). Costs one write when something waits, none otherwise.
 */
export async function readTabSettled(tabId: number): Promise<TabRecords> {
  const due = pending.has(tabId) ? flushScheduled : undefined;
  if (due) {
    startWaitingFlush();
    await due.catch(() => undefined); // a failed write: the store says what there is
  }
  return readTab(tabId);
}

async function writeTab(tabId: number, t: TabRecords): Promise<TabRecords> {
  tabChanges++;
  const stamped = cache.put(tabId, t);
  try {
    await browser.storage.session.set({ [keyOf(tabId)]: encodeTab(stamped) });
  } catch (e) {
    cache.drop(tabId); // not stored: the mirror must not say otherwise
    throw e;
  }
  return stamped;
}

// Observations waiting for the next write. A storm's events pile up here and
// are written together: one storage write per batch, not per 401. The first
// 401 after a quiet spell is written at once (the panel waits on it); later
// batches start at least `gap` apart. The gap is FLUSH_GAP_MS after a quiet
// spell and doubles with each batch that waits it out, up to
// FLUSH_GAP_MAX_MS: a tab at the cap is ~120 KB, and at ten writes a second
// those writes were most of the worker's CPU in the bench's storm
// (bench/README.md, "The storm"). A top-level 401 and a navigation commit
// never wait: both must be in the queue in the order they happened (the
// commit decides which page a record belongs to); nor does a quiet tab's
// first 401. Bounded: at most 2 × cap wait per tab (the rest are only
// counted, boundWaiting), and `cap` are kept.
//
// A batch that only counts (a storm's repeats, countRepeat) has no news for
// the panel or the popup, only a bigger number: it waits COUNT_GAP_MS from
// the last write, unless a record joins it, or the repeats pause for
// COUNT_QUIET_MS (the storm is over: what waits is written well before an
// idle background is stopped — Firefox may suspend its event page 2 s after
// its last event in e2e, and a timer does not keep it awake). In the bench's storm those
// count-only writes were 50 of ~120 KB in 36 s, the worker's costliest API
// call (bench/experiments/worker-profile.mjs; 14 since). A repeat is never
// urgent; the counts are flushed ahead of a commit like any batch. A storm
// keeps the worker awake (every event does), so what waits is not lost to
// an idle stop while it lasts; a forced stop loses what waits, as it did at
// the usual gap.
const pending = new Map<number, Waiting>();
let flushScheduled: Promise<Map<number, TabRecords>> | undefined;
const FLUSH_GAP_MS = 100;
const FLUSH_GAP_MAX_MS = 800;
export const COUNT_GAP_MS = 4_000;
export const COUNT_QUIET_MS = 500;
let gap = FLUSH_GAP_MS;
// performance.now(), not Date.now(): a wall clock stepped back must not hold a write.
let lastFlush = -Infinity;
/** When each tab was last part of a batch (performance.now()). */
const lastWriteOf = new Map<number, number>();

interface WaitingFlush {
  timer: ReturnType<typeof setTimeout>;
  /** When the timer fires (performance.now()). */
  due: number;
  /** Only repeats wait in it so far: it may wait COUNT_GAP_MS. */
  countOnly: boolean;
  /** When its last repeat came (performance.now()): counts wait COUNT_QUIET_MS past it at most. */
  lastCount: number;
  annotate: (t: TabRecords) => TabRecords;
  cap: number;
  resolve: (w: Map<number, TabRecords>) => void;
  reject: (e: unknown) => void;
}
/** A flush held back by the gap, not yet in the queue. */
let waiting: WaitingFlush | undefined;

/**
 * A held batch with a record in it waited out its whole gap: a burst, so the
 * next one waits longer. (One started early — a top-level 401, a commit, a
 * quiet tab's first 401 — does not grow the gap; a count-only batch has its
 * own timer, countsDue, and leaves the gap alone.)
 */
function heldFlushDue(): void {
  gap = Math.min(FLUSH_GAP_MAX_MS, gap * 2);
  startWaitingFlush();
}

/**
 * A count-only batch's timer: it fires every COUNT_QUIET_MS while the
 * repeats go on (cheaper than moving the timer on each of a storm's 401s),
 * and the batch goes once they pause or its COUNT_GAP_MS is up.
 */
function countsDue(): void {
  const w = waiting;
  if (!w) return;
  const now = performance.now();
  // (A record joining the batch replaces this timer with heldFlushDue.)
  const next = Math.min(w.due, w.lastCount + COUNT_QUIET_MS);
  if (next > now) {
    w.timer = setTimeout(countsDue, next - now);
    return;
  }
  startWaitingFlush();
}

/** Puts a held-back flush into the queue now (synchronously, ahead of what comes next). */
function startWaitingFlush(): void {
  const w = waiting;
  if (!w) return;
  waiting = undefined;
  clearTimeout(w.timer);
  enqueue(() => flush(w.annotate, w.cap)).then(w.resolve, w.reject);
}

/**
 * Adds an observation; resolves with the tab's records once they are stored.
 * `annotate` runs on each merged tab before it is written (the diagnosis of
 * the records that were kept: a storm's records past the cap never get one).
 */
export function addObservation(
  o: Observation,
  annotate: (t: TabRecords) => TabRecords = (t) => t,
  cap = DEFAULT_CAP,
): Promise<TabRecords> {
  return addWaiting(o.tabId, o, o.type === 'main_frame', annotate, cap);
}

// The endpoints of a mirrored tab's records, made once per stored version.
const endpointsOf = new WeakMap<TabRecords, Set<string>>();

/**
 * Top-level navigations under way: tab → when it started (ms since epoch).
 * Until it commits, a storm's 401s are not counted on the records of the
 * page that is going (records.ts mergeRecords `foldFrom`). Memory is
 * enough: a navigation lasts seconds, and a stale entry only stops the
 * counting, never loses a 401.
 */
const navigating = new Map<number, number>();
/** Past this, a navigation that never committed (a download, a 204) is forgotten. */
const NAVIGATION_MAX_MS = 30_000;

/** A top-level navigation of the tab started (webNavigation.onBeforeNavigate). */
export function navigationStarted(tabId: number, time: number): void {
  navigating.set(tabId, time);
}

/** The tab's top-level navigation failed: nothing commits. */
export function navigationFailed(tabId: number): void {
  navigating.delete(tabId);
}

function navigationOf(tabId: number): number | undefined {
  const t = navigating.get(tabId);
  if (t !== undefined && Date.now() - t > NAVIGATION_MAX_MS) navigating.delete(tabId);
  return navigating.get(tabId);
}

/**
 * A storm's repeat (records.ts mergeRecords): counts it on its endpoint's
 * record without building its evidence, when the mirror of the tab already
 * holds a record of `endpoint` (records.ts endpointKey) and no navigation is
 * under way. Undefined when it cannot tell from memory: the caller then
 * records the observation, and mergeRecords counts it instead if its
 * endpoint has a record by then.
 */
export function countRepeat(
  tabId: number,
  endpoint: string,
  time: number,
  annotate: (t: TabRecords) => TabRecords = (t) => t,
  cap = DEFAULT_CAP,
): Promise<TabRecords> | undefined {
  const t = cache.get(tabId);
  if (!t || navigationOf(tabId) !== undefined) return undefined;
  let known = endpointsOf.get(t);
  if (!known) endpointsOf.set(t, (known = new Set(t.records.map(endpointOf))));
  if (!known.has(endpoint)) return undefined;
  // mergeRecords counts it on the record, unless a new page started after it.
  // (`annotate` is for the batch it may start: other tabs' records in it.)
  // A storm's repeats of one endpoint, in a row, wait as one entry.
  const last = pending.get(tabId)?.at(-1);
  if (last && isRepeat(last) && last.repeatOf === endpoint) {
    last.n++;
    last.time = Math.max(last.time, time);
    return addWaiting(tabId, undefined, false, annotate, cap);
  }
  return addWaiting(tabId, { repeatOf: endpoint, n: 1, time }, false, annotate, cap);
}

function addWaiting(
  tabId: number,
  entry: Waiting[number] | undefined,
  topLevel: boolean,
  annotate: (t: TabRecords) => TabRecords,
  cap: number,
): Promise<TabRecords> {
  const w = pending.get(tabId) ?? [];
  if (entry) w.push(entry); // none: the last waiting entry was added to
  pending.set(tabId, boundWaiting(w, cap));
  const now = performance.now();
  const counting = !entry || isRepeat(entry);
  // Never held back: a top-level 401 (it goes into the queue ahead of the
  // commit that follows it), and the first 401 of a tab quiet for a while (its
  // panel waits on it, whatever another tab's storm is doing).
  const urgent =
    topLevel || (!counting && now - (lastWriteOf.get(tabId) ?? -Infinity) >= FLUSH_GAP_MAX_MS);
  if (!flushScheduled) {
    const spacing = counting ? COUNT_GAP_MS : gap;
    const wait = Math.min(spacing, lastFlush + spacing - now);
    if (wait <= 0 && !counting) gap = FLUSH_GAP_MS; // a quiet spell ended the last burst
    flushScheduled =
      wait > 0
        ? new Promise((resolve, reject) => {
            waiting = {
              timer: counting
                ? setTimeout(countsDue, Math.min(wait, COUNT_QUIET_MS))
                : setTimeout(heldFlushDue, wait),
              due: now + wait,
              countOnly: counting,
              lastCount: now,
              annotate,
              cap,
              resolve,
              reject,
            };
          })
        : enqueue(() => flush(annotate, cap));
  } else if (waiting?.countOnly) {
    if (counting) {
      waiting.lastCount = now;
    } else {
      // A record joins the counts: it is news, so the batch keeps the usual gap.
      waiting.countOnly = false;
      clearTimeout(waiting.timer);
      waiting.due = Math.min(waiting.due, Math.max(now, lastFlush + gap));
      waiting.timer = setTimeout(heldFlushDue, waiting.due - now);
    }
  }
  if (urgent) startWaitingFlush();
  return flushScheduled.then((w) => w.get(tabId) ?? readTab(tabId));
}

/** Writes every tab's waiting observations; runs in the write queue. */
async function flush(
  annotate: (t: TabRecords) => TabRecords,
  cap: number,
): Promise<Map<number, TabRecords>> {
  flushScheduled = undefined;
  lastFlush = performance.now();
  const batch = new Map(pending);
  pending.clear();
  const written = new Map<number, TabRecords>();
  // Every tab of the batch counts as written now: a 401 of one of them that
  // comes while an earlier tab's write is under way is not a quiet tab's first.
  for (const tabId of batch.keys()) lastWriteOf.set(tabId, lastFlush);
  for (const [tabId, w] of batch) {
    const merged = annotate(mergeRecords(await readTab(tabId), w, cap, navigationOf(tabId)));
    written.set(tabId, await writeTab(tabId, merged));
  }
  return written;
}

export function commitTab(tabId: number, navStart: number): Promise<TabRecords> {
  // The 401s that came before the commit are written before it.
  startWaitingFlush();
  return enqueue(async () => {
    // Here, not before: the batch queued above still merges with the navigation under way.
    navigating.delete(tabId);
    return writeTab(tabId, commitRecords(await readTab(tabId), navStart));
  });
}

export function removeTab(tabId: number): Promise<void> {
  pending.delete(tabId);
  lastWriteOf.delete(tabId);
  navigating.delete(tabId);
  tabChanges++;
  cache.drop(tabId);
  return enqueue(() => browser.storage.session.remove(keyOf(tabId)));
}

// Endpoints watched closely (close-watch.ts): storage.session, so a restarted
// worker re-registers the same listeners.
const CLOSE_WATCH_KEY = 'closeWatch';

export async function readCloseWatch(): Promise<CloseWatch> {
  const got = await browser.storage.session.get(CLOSE_WATCH_KEY);
  const w = got[CLOSE_WATCH_KEY];
  return isCloseWatch(w) ? w : emptyCloseWatch();
}

/** Adds or refreshes an endpoint; resolves with the stored list. */
export function touchCloseWatch(scope: string, now: number): Promise<CloseWatch> {
  return enqueue(async () => {
    const next = touchScope(await readCloseWatch(), scope, now);
    await browser.storage.session.set({ [CLOSE_WATCH_KEY]: next });
    return next;
  });
}

// Settings: storage.local, validated on every read (settings.ts).
const SETTINGS_KEY = 'settings';

export async function readSettings(): Promise<Settings> {
  const got = await browser.storage.local.get(SETTINGS_KEY);
  return validateSettings(got[SETTINGS_KEY]);
}

export function writeSettings(patch: Partial<Settings>): Promise<Settings> {
  return enqueue(async () => {
    const next = validateSettings({ ...(await readSettings()), ...patch });
    await browser.storage.local.set({ [SETTINGS_KEY]: next });
    return next;
  });
}

/** Calls back with the new settings whenever they change (another page saved them). */
export function onSettingsChanged(cb: (s: Settings) => void): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && SETTINGS_KEY in changes) {
      cb(validateSettings(changes[SETTINGS_KEY]?.newValue));
    }
  });
}
