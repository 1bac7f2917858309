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

/** Newest first, each with its ranked causes. */
export function viewOf(tabId: number, t: TabRecords): TabView {
  const records: RecordView[] = annotate(t)
    .records.map((r) => ({
      id: r.id,
      tabId,
      frameId: r.frameId,
      type: r.type,
      time: r.time,
      evidence: r.evidence,
      causes: r.causes ?? [],
    }))
    .reverse();
  return { tabId, count: t.count, records };
}
