// Pure: how a tab's records change when a 401 arrives or a new document
// commits. No storage here (store.ts writes what these return), so the rules
// are tested in Node.
import type { Cause, Evidence } from '../core/index.ts';

/** One recorded 401/407: masked evidence only; never a raw header value. */
export interface Observation {
  /** requestId + status: unique within a browser session, so a replay never duplicates. */
  id: string;
  tabId: number;
  frameId: number;
  type: string;
  time: number;
  evidence: Evidence;
  /**
   * The diagnosis, made once when the record is stored: it only depends on
   * this record and the ones before it (auth-loop looks back, never ahead),
   * so it never changes and the popup and panel need not run the engine.
   */
  causes?: Cause[];
  /**
   * Its request headers went unread: capture was listening less in a 401
   * storm (capture.ts, storm.ts). Counted, not recorded, when its endpoint
   * already has a record on the page (mergeRecords).
   */
  inStorm?: true;
  /** A storm's later 401s of this endpoint on the page, counted against this record (mergeRecords). */
  repeats?: number;
}

export interface TabRecords {
  v: 1;
  /** Records older than this belong to a previous document of the tab. */
  pageStart: number;
  /** 401/407s seen on the current page, including those dropped past the cap. */
  count: number;
  /** Oldest first; at most `cap` of them. */
  records: Observation[];
  /** Which worker instance wrote this, and its write number (tab-cache.ts). */
  w?: string;
}

export const DEFAULT_CAP = 50;

export const emptyRecords = (pageStart = 0): TabRecords => ({
  v: 1,
  pageStart,
  count: 0,
  records: [],
});

export function isTabRecords(x: unknown): x is TabRecords {
  const t = x as TabRecords | undefined;
  return !!t && t.v === 1 && Array.isArray(t.records) && typeof t.count === 'number';
}

/**
 * Observations past the bound, dropped from a tab's wait but still counted,
 * in the place they had; `time` is the newest of their start times.
 */
export interface DroppedRun {
  dropped: number;
  time: number;
}

/**
 * A storm's 401 of an endpoint (endpointKey) the tab already has a record
 * of, counted from memory without evidence (store.ts countRepeat).
 */
export interface Repeat {
  repeatOf: string;
  /** How many in a row (store.ts adds a repeat to the one before it when it can). */
  n: number;
  /** The newest of their start times. */
  time: number;
}

/** A tab's observations waiting for the next write, in the order they came. */
export type Waiting = (Observation | DroppedRun | Repeat)[];

const isRun = (x: Waiting[number]): x is DroppedRun => 'dropped' in x;
export const isRepeat = (x: Waiting[number]): x is Repeat => 'repeatOf' in x;

const isTopLevel = (x: Observation | Repeat) => !isRepeat(x) && x.type === 'main_frame';

/**
 * Pure: bounds a tab's waiting observations without losing the count. Past
 * `2 × cap` entries, the oldest observations beyond the newest `cap` become
 * runs of counts where they were; top-level 401s stay (each resets the page,
 * and a run before one is then not counted).
 */
export function boundWaiting(w: Waiting, cap: number): Waiting {
  if (w.length <= cap * 2) return w;
  let toDrop = w.filter((x) => !isRun(x) && !isTopLevel(x)).length - cap;
  if (toDrop <= 0) return w;
  const out: Waiting = [];
  for (const x of w) {
    const keep = !isRun(x) && (isTopLevel(x) || toDrop <= 0);
    if (keep) {
      out.push(x);
      continue;
    }
    const add = isRun(x) ? x : { dropped: isRepeat(x) ? x.n : 1, time: x.time };
    if (!isRun(x)) toDrop--;
    const prev = out.at(-1);
    if (prev && isRun(prev)) {
      out[out.length - 1] = {
        dropped: prev.dropped + add.dropped,
        time: Math.max(prev.time, add.time),
      };
    } else {
      out.push({ ...add });
    }
  }
  return out;
}

/**
 * What makes two records the same request again: method, status and URL
 * without its query. `maskedUrl` is the record's URL (maskUrl), never the raw one.
 */
export function endpointKey(method: string, status: number, maskedUrl: string): string {
  const q = maskedUrl.indexOf('?');
  return `${method} ${status} ${q < 0 ? maskedUrl : maskedUrl.slice(0, q)}`;
}

export const endpointOf = (o: Observation): string =>
  endpointKey(o.evidence.method, o.evidence.status, o.evidence.url);

/**
 * Pure: merges new observations into a tab's records, bounded by `cap`,
 * newest kept. A dropped run (boundWaiting) adds its count in its place,
 * unless it is older than the page. A storm's observation or repeat whose
 * endpoint already has a record on the page is counted on that record
 * (`repeats`): the record holds what the request carried, the storm's copy
 * would say "unknown" in its place. Only records from `foldFrom` on take
 * repeats: while a top-level navigation is under way (store.ts), the old
 * page's records are about to go, and the new page's 401s must not go with
 * them.
 */
export function mergeRecords(
  current: TabRecords,
  incoming: Waiting,
  cap: number,
  foldFrom = -Infinity,
): TabRecords {
  let { pageStart } = current;
  // One copy per merge, appended to in place (not one copy per observation).
  let records = current.records.slice();
  let count = current.count;
  const seen = new Set(records.map((r) => r.id));
  // endpoint → index of its newest record that takes repeats; made on the
  // first storm observation of the merge, then kept up to date.
  let targets: Map<string, number> | undefined;
  const fold = (endpoint: string, n = 1): boolean => {
    if (!targets) {
      targets = new Map();
      for (const [i, r] of records.entries()) {
        if (r.time >= foldFrom) targets.set(endpointOf(r), i);
      }
    }
    const i = targets.get(endpoint);
    if (i === undefined) return false;
    const r = records[i]!;
    records[i] = { ...r, repeats: (r.repeats ?? 0) + n };
    count += n;
    return true;
  };
  for (const o of incoming) {
    if (isRun(o)) {
      if (o.time >= pageStart) count += o.dropped;
      continue;
    }
    if (o.time < pageStart) continue; // a late answer to a request of a previous page
    if (isRepeat(o)) {
      // Its record went past the cap meanwhile: counted all the same.
      if (!fold(o.repeatOf, o.n)) count += o.n;
      continue;
    }
    if (seen.has(o.id)) continue; // a replayed event after a restart
    if (o.type === 'main_frame') {
      // A top-level 401 is a new document: what came before belongs to the old page.
      pageStart = o.time;
      records = [];
      count = 0;
      seen.clear();
      targets = undefined;
    } else if (o.inStorm && fold(endpointOf(o))) {
      continue;
    }
    seen.add(o.id);
    records.push(o);
    if (o.time >= foldFrom) targets?.set(endpointOf(o), records.length - 1);
    count++;
  }
  if (records.length > cap) records = records.slice(records.length - cap);
  return { v: 1, pageStart, count, records };
}

/**
 * Pure: the tab committed a new document whose navigation started at
 * `navStart`. Everything the new document asked for started after that —
 * its own main-frame 401 too — while the old page's requests started before.
 * The navigation start, not the commit, is the line: a renderer runs a new
 * page's first script (and its fetches) before the browser reports the commit.
 */
export function commitRecords(current: TabRecords, navStart: number): TabRecords {
  const records = current.records.filter((r) => r.time >= navStart);
  // Each kept record with the storm's 401s counted on it.
  const count = records.reduce((n, r) => n + 1 + (r.repeats ?? 0), 0);
  return { v: 1, pageStart: navStart, count, records };
}

/**
 * Pure: fills in the causes of records that have none, each diagnosed with
 * the records before it on the page (the engine's auth-loop looks back only).
 */
export function annotateCauses(
  t: TabRecords,
  diagnoseOne: (target: Evidence, earlier: Evidence[]) => Cause[],
): TabRecords {
  if (t.records.every((r) => r.causes)) return t;
  const evidence = t.records.map((r) => r.evidence);
  const records = t.records.map((r, i) =>
    r.causes ? r : { ...r, causes: diagnoseOne(r.evidence, evidence.slice(0, i)) },
  );
  return { ...t, records };
}
