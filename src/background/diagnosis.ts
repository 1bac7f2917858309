// Runs the engine over a tab's records for the UI, with the extension's own
// message catalog so the explanation follows the browser's language.
import { diagnose, type Translate } from '../core/index.ts';
import browser from '../shared/browser.ts';
import type { RecordView, TabView } from '../shared/messages.ts';
import type { TabRecords } from './records.ts';

const translate: Translate = (key, subs) => browser.i18n.getMessage(key, subs);

/** Newest first, each with its ranked causes (the engine sees the whole page for auth-loop). */
export function viewOf(tabId: number, t: TabRecords): TabView {
  const evidence = t.records.map((r) => r.evidence);
  const records: RecordView[] = t.records
    .map((r, i) => ({
      id: r.id,
      tabId,
      frameId: r.frameId,
      type: r.type,
      time: r.time,
      evidence: r.evidence,
      causes: diagnose(
        r.evidence,
        evidence.filter((_, j) => j !== i),
        { t: translate },
      ),
    }))
    .reverse();
  return { tabId, count: t.count, records };
}
