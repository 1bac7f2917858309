// The "Why 401" DevTools panel: every 401/407 of the inspected tab since the
// panel started listening, diagnosed here with the response body, filtered
// by cause and origin, grouped by origin with the popup's actions.
import { useEffect, useState } from 'preact/hooks';
import type { ClearPlan, ClearResult, SignInResult } from '../shared/messages.ts';
import { send } from '../shared/send.ts';
import { groupByOrigin } from '../ui/group.ts';
import { OriginActions, type SiteActions } from '../ui/OriginActions.tsx';
import { markdownReport } from '../ui/report.ts';
import type { T } from '../ui/t.ts';
import { startCapture } from './capture.ts';
import { copyText } from './copy-text.ts';
import type { DevtoolsApi } from './devtools-api.ts';
import {
  applyFilter,
  causeChoices,
  keepValid,
  NO_FILTER,
  originChoices,
  type Filter,
} from './filter.ts';
import { PanelRecordItem } from './PanelRecordItem.tsx';
import type { PanelRecord } from './record-of-entry.ts';

const titleKey = (id: string) => `cli_title_${id.replace(/-/g, '_')}`;

function siteActions(tabId: number): SiteActions {
  return {
    plan: (origin): Promise<ClearPlan> => send('site/plan', { origin }),
    clear: (origin, globalCache): Promise<ClearResult> =>
      send('site/clear', { tabId, origin, globalCache }),
    signIn: (origin): Promise<SignInResult> => send('site/sign-in', { tabId, origin }),
    copy: copyText,
  };
}

export function DevtoolsPanel({ api, t }: { api: DevtoolsApi; t: T }) {
  const [records, setRecords] = useState<PanelRecord[]>([]);
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  const [status, setStatus] = useState('');
  const [capture, setCapture] = useState<{ clear(): void } | null>(null);

  useEffect(() => {
    const c = startCapture(api, setRecords, t);
    setCapture(c);
    return () => c.stop();
  }, [api]);

  const f = keepValid(filter, records);
  const shown = applyFilter(records, f);
  const groups = groupByOrigin(shown);
  const actions = siteActions(api.inspectedWindow.tabId);
  const copy = (text: string) =>
    copyText(text).then(
      () => setStatus(t('copied', [t('report')])),
      () => setStatus(t('copy_failed')),
    );

  return (
    <main data-testid="devtools-panel" data-count={records.length}>
      <header class="top">
        <img src="/icons/icon-32.png" alt="" width={18} height={18} />
        <h1>{t('devtools_heading')}</h1>
      </header>
      {records.length === 0 ? (
        <p class="empty">{t('devtools_empty')}</p>
      ) : (
        <>
          <div class="filters">
            <label>
              {t('devtools_filter_cause')}
              <select
                data-testid="filter-cause"
                value={f.cause}
                onChange={(e) =>
                  setFilter({ ...f, cause: e.currentTarget.value as Filter['cause'] })
                }
              >
                <option value="">{t('devtools_filter_all')}</option>
                {causeChoices(records).map((c) => (
                  <option key={c.value} value={c.value}>
                    {`${t(titleKey(c.value))} (${c.count})`}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('devtools_filter_origin')}
              <select
                data-testid="filter-origin"
                value={f.origin}
                onChange={(e) => setFilter({ ...f, origin: e.currentTarget.value })}
              >
                <option value="">{t('devtools_filter_all')}</option>
                {originChoices(records).map((o) => (
                  <option key={o.value} value={o.value}>
                    {`${o.value} (${o.count})`}
                  </option>
                ))}
              </select>
            </label>
            <span class="count">
              {t('devtools_count', [String(shown.length), String(records.length)])}
            </span>
            <button
              type="button"
              onClick={() =>
                void copy(markdownReport(shown, { product: 'Why 401', when: new Date() }))
              }
            >
              {t('devtools_copy_all')}
            </button>
            <button type="button" onClick={() => capture?.clear()}>
              {t('devtools_clear_list')}
            </button>
          </div>
          {status && (
            <p class="status-line" role="status">
              {status}
            </p>
          )}
        </>
      )}
      {groups.map((g) => (
        <section class="origin" key={g.origin} data-origin={g.origin} aria-label={g.origin}>
          <h2>
            {g.origin} <span class="n">{g.records.length}</span>
          </h2>
          <ul class="records">
            {g.records.map((r, i) => (
              <PanelRecordItem
                key={r.id}
                record={r as PanelRecord}
                t={t}
                open={i === 0}
                onCopy={(text) => void copy(text)}
              />
            ))}
          </ul>
          <OriginActions origin={g.origin} records={g.records} t={t} actions={actions} />
        </section>
      ))}
    </main>
  );
}
