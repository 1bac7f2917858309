// Collects the inspected tab's 401/407s while the panel is open: the ones
// DevTools logged before the panel loaded (getHAR), then each finished
// request with its body (getContent), which the background cannot read in
// Chromium. Each becomes a PanelRecord at once; the raw entry is not kept.
import type { Evidence, Translate } from '../core/index.ts';
import {
  getContent,
  getHarEntries,
  type DevtoolsApi,
  type DevtoolsRequest,
  type HarEntryLike,
} from './devtools-api.ts';
import { isAuthFailure, recordOfEntry, type PanelRecord } from './record-of-entry.ts';

/** Newest kept; a page in a 401 loop should not grow the panel without bound. */
export const MAX_RECORDS = 500;

export interface Capture {
  clear(): void;
  stop(): void;
}

const keyOf = (e: HarEntryLike): string => {
  const req = (e.request ?? {}) as { method?: unknown; url?: unknown };
  return `${String(e.startedDateTime)} ${String(req.method)} ${String(req.url)}`;
};

export function startCapture(
  api: DevtoolsApi,
  onChange: (records: PanelRecord[]) => void,
  t?: Translate,
): Capture {
  let records: PanelRecord[] = [];
  const seen = new Set<string>();
  let next = 1;
  let stopped = false;

  const add = (entry: HarEntryLike, body: Awaited<ReturnType<typeof getContent>>) => {
    if (stopped) return;
    const others: Evidence[] = records.map((r) => r.evidence);
    const rec = recordOfEntry(entry, body, {
      id: String(next++),
      tabId: api.inspectedWindow.tabId,
      others,
      t,
    });
    if (!rec) return;
    records = [rec, ...records].sort((a, b) => b.time - a.time).slice(0, MAX_RECORDS);
    onChange(records);
  };

  const onFinished = (request: DevtoolsRequest) => {
    if (!isAuthFailure(request)) return;
    const key = keyOf(request);
    if (seen.has(key)) return;
    seen.add(key);
    void getContent(request).then((body) => add(request, body));
  };
  api.network.onRequestFinished.addListener(onFinished);

  void getHarEntries(api).then((entries) => {
    for (const e of entries) {
      if (!isAuthFailure(e) || seen.has(keyOf(e))) continue;
      seen.add(keyOf(e));
      add(e, undefined); // getHAR's entries may carry content.text; exchangeOfEntry reads it
    }
  });

  return {
    clear: () => {
      records = [];
      onChange(records);
    },
    stop: () => {
      stopped = true;
      api.network.onRequestFinished.removeListener?.(onFinished);
    },
  };
}
