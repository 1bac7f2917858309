// A memory mirror of the most recently used tabs' records. storage.session
// stays the store (the worker can be stopped at any moment and starts with an
// empty mirror); the mirror saves re-reading and parsing a tab's key for
// every view (bench: popup.phasesMs). Pure, so its rules are tested in Node.
import type { TabRecords } from './records.ts';
import { stampOf } from './tab-codec.ts';

/** Tabs mirrored at once: a few tabs are where the 401s are; each is ≤ ~100 KB. */
export const TAB_CACHE_MAX = 8;

export interface TabCache {
  get(tabId: number): TabRecords | undefined;
  /** Mirrors what is about to be written; returns it stamped as this instance's next write. */
  put(tabId: number, t: TabRecords): TabRecords;
  /** Mirrors what was just read from the store. */
  mirror(tabId: number, t: TabRecords): TabRecords;
  drop(tabId: number): void;
  /**
   * storage.onChanged saw a tab key change. The event of one of our own
   * writes (its stamp still awaited) changes nothing; any other change — from
   * another writer, even one that copied an old stamp — drops the mirror, so
   * the next read goes to the store. `newValue` is the stored form (tab-codec.ts).
   */
  changed(tabId: number, newValue: unknown): void;
  size(): number;
}

/** Stamps awaited at most: every write's change event arrives, so this is only a guard. */
const MAX_AWAITED = 256;

/** @param instance tells this worker's writes from any other's: a fresh random id per start */
export function createTabCache(instance: string, max = TAB_CACHE_MAX): TabCache {
  // Insertion order is recency: a hit moves the tab to the end.
  const tabs = new Map<number, TabRecords>();
  const awaited = new Set<string>();
  let writes = 0;
  const keep = (tabId: number, t: TabRecords): TabRecords => {
    // Frozen: a caller that changed the mirror would change what the next
    // write starts from without it ever being stored.
    const frozen = Object.freeze(t);
    tabs.delete(tabId);
    tabs.set(tabId, frozen);
    if (tabs.size > max) tabs.delete(tabs.keys().next().value as number);
    return frozen;
  };
  return {
    get(tabId) {
      const t = tabs.get(tabId);
      if (t) {
        tabs.delete(tabId);
        tabs.set(tabId, t);
      }
      return t;
    },
    put(tabId, t) {
      const w = `${instance}:${++writes}`;
      awaited.add(w);
      if (awaited.size > MAX_AWAITED) awaited.delete(awaited.values().next().value as string);
      return keep(tabId, { ...t, w });
    },
    mirror: (tabId, t) => keep(tabId, { ...t }),
    drop(tabId) {
      tabs.delete(tabId);
    },
    changed(tabId, newValue) {
      const w = stampOf(newValue);
      if (w !== undefined && awaited.delete(w)) return;
      tabs.delete(tabId);
    },
    size: () => tabs.size,
  };
}
