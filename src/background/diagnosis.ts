// Runs the engine for the UI, with the extension's own message catalog so the
// explanation follows the browser's language. A record is diagnosed once,
// when it is stored (records.ts annotateCauses); the views only read it.
import { diagnose, type Translate } from '../core/index.ts';
import browser from '../shared/browser.ts';
import type { RecordView, TabView } from '../shared/messages.ts';
import { annotateCauses, type TabRecords } from './records.ts';

const translate: Translate = (key, subs) => browser.i18n.getMessage(key, subs);

/** Diagnoses the records that have no causes yet. */
export function annotate(t: TabRecords): TabRecords {
  return annotateCauses(t, (ev, earlier) => diagnose(ev, earlier, { t: translate }));
}

/**
 * Newest first, each with its ranked causes. With `perOrigin`, only the
 * newest that many per origin (and each origin's total): the popup's first
 * paint waits on the records it draws, not on all of them.
 */
export function viewOf(tabId: number, t: TabRecords, perOrigin?: number, newest?: number): TabView {
  let kept = annotate(t).records;
  // Stored oldest first: the newest are at the end.
  if (newest !== undefined && newest > 0) kept = kept.slice(-newest);
  let originCounts: Record<string, number> | undefined;
  if (perOrigin !== undefined && perOrigin > 0) {
    originCounts = {};
    const counts = originCounts;
    // Walk newest first, keep while the origin has room, then restore stored order.
    const picked = [...kept].reverse().filter((r) => {
      const o = r.evidence.origin;
      counts[o] = (counts[o] ?? 0) + 1;
      return counts[o] <= perOrigin;
    });
    kept = picked.reverse();
  }
  const records: RecordView[] = kept
    .map((r) => ({
      id: r.id,
      tabId,
      frameId: r.frameId,
      type: r.type,
      time: r.time,
      evidence: r.evidence,
      causes: r.causes ?? [],
      ...(r.inStorm && { inStorm: r.inStorm }),
      ...(r.repeats && { repeats: r.repeats }),
    }))
    .reverse();
  return originCounts
    ? { tabId, count: t.count, records, originCounts }
    : { tabId, count: t.count, records };
}
